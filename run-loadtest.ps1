# Thin PowerShell wrapper over the C# load harness; filled in by the load harness work.
