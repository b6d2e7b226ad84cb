namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// A distribution in milliseconds, read from a <see cref="LogHistogram"/> (quantiles within 1%; min, mean and max exact).
/// </summary>
internal sealed record Percentiles(
    long Count, double Min, double Mean, double P50, double P90, double P95, double P99, double P999, double Max)
{
    public static Percentiles Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static Percentiles From(LogHistogram histogram) => histogram.Count == 0
        ? Empty
        : new(
            histogram.Count,
            Ms(histogram.Min),
            Ms(histogram.Mean),
            Ms(histogram.ValueAtQuantile(0.50)),
            Ms(histogram.ValueAtQuantile(0.90)),
            Ms(histogram.ValueAtQuantile(0.95)),
            Ms(histogram.ValueAtQuantile(0.99)),
            Ms(histogram.ValueAtQuantile(0.999)),
            Ms(histogram.Max));

    /// <summary>By the name thresholds use: min, mean, p50, p90, p95, p99, p99.9, max.</summary>
    public double? Get(string statistic) => statistic switch
    {
        "min" => Min,
        "mean" => Mean,
        "p50" or "median" => P50,
        "p90" => P90,
        "p95" => P95,
        "p99" => P99,
        "p99.9" or "p999" => P999,
        "max" => Max,
        _ => null,
    };

    private static double Ms(double nanoseconds) => Math.Round(nanoseconds / 1e6, 4);
}
