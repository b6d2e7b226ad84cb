namespace StreamingHarness.Harness.Bench;

/// <summary>
/// What a fresh harness process spent before its first window of load: wall time since the process started and the
/// CPU it used by then (the runtime's start, the command line, and any work done before the load's clock starts).
/// </summary>
internal sealed record HarnessStartup(TimeSpan Wall, TimeSpan Cpu);
