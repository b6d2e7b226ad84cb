namespace StreamingHarness.Harness.Bench;

/// <summary>
/// One pair's capacity in report.json and report.md: the most paced streams it carried with the ITL error p99 within
/// the limit, the token rate measured at that step, the ratio to the floor pair's capacity (the target applies to it),
/// every step of the sweep, why it stopped, and the machine's load average once all the sweeps ended. The two crossed halves carry a
/// ratio but no target.
/// </summary>
internal sealed record CapacityRow(
    string Pair,
    int IntervalMs,
    double P99LimitMs,
    int? Streams,
    double? TokensPerSecond,
    double? P99ErrorMs,
    double? RatioToFloorPair,
    double? TargetRatio,
    bool? Met,
    CapacityStop Stop,
    int? LowestBroken,
    IReadOnlyList<CapacityReading> Steps,
    string LoadAverage,
    double Seconds)
{
    /// <summary>No step held: the sweep found no figure, so the run proves nothing and does not pass.</summary>
    public bool Inconclusive => Streams is null;
}
