namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// What one process spent during a phase: CPU as cores busy (1.0 = one core flat out; the machine has
/// <see cref="Environment.ProcessorCount"/>), and bytes allocated per request and per output token.
/// </summary>
internal sealed record ProcessUsage(
    string Process, double CpuCores, double AllocatedBytesPerRequest, double AllocatedBytesPerToken, double WorkingSetMb,
    double ManagedHeapMb);
