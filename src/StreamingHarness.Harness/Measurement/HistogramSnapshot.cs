namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// A <see cref="LogHistogram"/> as data (summary.json): its accuracy, exact count, sum, min and max in nanoseconds,
/// and its non-empty buckets as <c>[index, count]</c> pairs. Indices, not bounds: merging adds counts of equal
/// indices, so a merged snapshot answers every quantile exactly as one histogram of all the values would.
/// </summary>
internal sealed record HistogramSnapshot(double RelativeAccuracy, long Count, long Sum, long Min, long Max, IReadOnlyList<long[]> Buckets);
