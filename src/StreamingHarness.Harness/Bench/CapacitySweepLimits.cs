namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The bounds of a capacity sweep: where the ramp starts, the most streams it tries, the bracket width at which the
/// bisection stops, the most steps in all (so the sweep's time is bounded), and the ITL error p99 a step must hold.
/// </summary>
internal sealed record CapacitySweepLimits(int FirstStreams, int MaxStreams, int ResolutionStreams, int MaxSteps, double P99LimitMs)
{
    /// <summary>64, 128, ... 4096 streams, then bisection to 32 streams, at most 12 steps, p99 ≤ 5 ms (issue 23).</summary>
    public static CapacitySweepLimits Default { get; } = new(64, 4096, 32, 12, 5);
}
