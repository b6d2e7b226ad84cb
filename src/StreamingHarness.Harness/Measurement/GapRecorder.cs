namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Where every inter-token gap goes: the ITL histogram and, when the scenario scripts a fixed gap
/// (<c>expected_itl_ms</c>), the histogram of each gap's distance from it, so "delivered within x ms at p99" is read
/// directly.
/// </summary>
internal sealed class GapRecorder(double? expectedMs = null)
{
    private readonly long? _expected = expectedMs is { } ms ? (long)(ms * 1e6) : null;

    public LogHistogram Gaps { get; } = new();

    /// <summary>|gap − expected| in nanoseconds; empty when no gap is expected.</summary>
    public LogHistogram Errors { get; } = new();

    public void Record(long nanoseconds)
    {
        Gaps.Record(nanoseconds);
        if (_expected is { } expected)
        {
            Errors.Record(Math.Abs(nanoseconds - expected));
        }
    }
}
