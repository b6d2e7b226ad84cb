namespace StreamingHarness.Harness.Measurement;

/// <summary>One reading of one process during the run, for the "memory over time" chart.</summary>
internal sealed record MemoryPoint(
    double Seconds, string Process, double WorkingSetMb, double ManagedHeapMb, long ActiveStreams, double CpuPercent);
