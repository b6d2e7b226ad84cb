namespace StreamingHarness.Harness.Bench;

/// <summary>
/// One step of a capacity sweep: <paramref name="Streams"/> paced streams at once, and what their measured window
/// gave: the tokens (inter-token gaps) that arrived in it, the window's length, the ITL error |gap − interval| at p50
/// and p99, how many streams failed before the window ended, and
/// what the window cost each process per token.
/// </summary>
internal sealed record CapacityReading(int Streams, long Tokens, double Seconds, double P50ErrorMs, double P99ErrorMs, int FailedStreams)
{
    /// <summary>The server process's CPU (user + system) in the window, per token; 0 when not measured.</summary>
    public double ServerCpuMicrosPerToken { get; init; }

    /// <summary>The client's CPU (this process: the harness's probes or the raw client) in the window, per token.</summary>
    public double ClientCpuMicrosPerToken { get; init; }

    /// <summary>This process's runtime over the window: collections, GC pauses, thread pool and lock contention.</summary>
    public ClientRuntime Client { get; init; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public double TokensPerSecond => Tokens / Math.Max(Seconds, 1e-9);

    /// <summary>Every stream delivered, and the ITL error's p99 is within <paramref name="limitMs"/>.</summary>
    public bool Holds(double limitMs) => FailedStreams == 0 && Tokens > 0 && P99ErrorMs <= limitMs;
}
