namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The bounds of a capacity sweep: where the ramp starts, the most streams it tries, the bracket width at which the
/// bisection stops, the most measurements in all (so the sweep's time is bounded), the ITL error p99 a step must hold, and
/// whether a breaking step is measured again before it counts as broken.
/// </summary>
internal sealed record CapacitySweepLimits(
    int FirstStreams, int MaxStreams, int ResolutionStreams, int MaxSteps, double P99LimitMs, bool ConfirmBreaks = false)
{
    /// <summary>
    /// 64, 128, ... 4096 streams, then bisection to 32 streams, at most 14 measurements, p99 ≤ 5 ms (issue 23), each
    /// break confirmed by a second window.
    /// </summary>
    public static CapacitySweepLimits Default { get; } = new(64, 4096, 32, 14, 5, ConfirmBreaks: true);
}
