namespace StreamingHarness.Harness.Bench;

/// <summary>
/// One step of a capacity sweep: <paramref name="Streams"/> paced streams at once, and what their measured window
/// gave: the tokens (inter-token gaps) that arrived in it, the window's length, the ITL error |gap − interval| at p50
/// and p99, and how many streams failed before the window ended.
/// </summary>
internal sealed record CapacityReading(int Streams, long Tokens, double Seconds, double P50ErrorMs, double P99ErrorMs, int FailedStreams)
{
    public double TokensPerSecond => Tokens / Math.Max(Seconds, 1e-9);

    /// <summary>Every stream delivered, and the ITL error's p99 is within <paramref name="limitMs"/>.</summary>
    public bool Holds(double limitMs) => FailedStreams == 0 && Tokens > 0 && P99ErrorMs <= limitMs;
}
