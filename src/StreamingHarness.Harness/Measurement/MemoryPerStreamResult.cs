namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Retained memory against open streams, per process: readings after a forced full GC at 0 and at each N held
/// open, the least-squares slope (bytes per open stream), and the reading after the streams were released.
/// </summary>
internal sealed record MemoryPerStreamResult(IReadOnlyList<MemoryStep> Steps, IReadOnlyList<MemorySlope> Slopes, string Method);

internal sealed record MemoryStep(int HeldStreams, string Process, long ActiveStreams, long ManagedHeapBytes, long WorkingSetBytes);

internal sealed record MemorySlope(
    string Process,
    double HeapBytesPerStream,
    double WorkingSetBytesPerStream,
    double HeapAfterReleaseDeltaBytes,
    double? HeapAfterIdleDeltaBytes);

/// <summary>One long stream through the relay, with the relay's retained heap read (after GC) as it went.</summary>
internal sealed record LongStreamResult(
    long Tokens, string Outcome, IReadOnlyList<LongStreamPoint> Points, double HeapGrowthBytes, double WorkingSetGrowthBytes,
    double HeapSlopeBytesPerThousandTokens);

internal sealed record LongStreamPoint(double Seconds, long TokensSoFar, long ManagedHeapBytes, long WorkingSetBytes);

/// <summary>The same load direct to the fake and through the relay: what the relay adds.</summary>
internal sealed record ComparisonResult(
    double TtftP50DeltaMs,
    double TtftP99DeltaMs,
    double ItlP50DeltaMs,
    double ItlP99DeltaMs,
    bool ItlPreserved,
    bool TokensPreserved,
    string Rule,
    IReadOnlyList<ProcessUsage> DirectUsage,
    IReadOnlyList<ProcessUsage> RelayUsage,
    double? RelayHeapBytesPerStream)
{
    /// <summary>What each side added per token, joined to the fake's journal (direct: the harness and loopback alone).</summary>
    public AddedByService? DirectAdded { get; init; }

    public AddedByService? RelayAdded { get; init; }
}
