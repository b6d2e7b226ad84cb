namespace StreamingHarness.Harness.Measurement;

/// <summary>A bar of a distribution chart: values in (LowerMs, UpperMs], and how many.</summary>
internal sealed record DistributionBin(double LowerMs, double UpperMs, long Count)
{
    /// <summary>Regroups a histogram's 1% buckets into at most <paramref name="bins"/> bars of equal width on a log scale.</summary>
    public static IReadOnlyList<DistributionBin> From(LogHistogram histogram, int bins = 40)
    {
        var buckets = histogram.NonEmptyBuckets();
        if (buckets.Count == 0)
        {
            return [];
        }

        var low = Math.Max(1e-3, buckets[0].Upper / 1e6);
        var high = Math.Max(low * 1.0001, buckets[^1].Upper / 1e6);
        var logLow = Math.Log(low);
        var width = (Math.Log(high) - logLow) / bins;
        var counts = new long[bins];
        foreach (var bucket in buckets)
        {
            var ms = Math.Max(low, bucket.Upper / 1e6);
            var index = Math.Clamp((int)((Math.Log(ms) - logLow) / width), 0, bins - 1);
            counts[index] += bucket.Count;
        }

        return [.. Enumerable.Range(0, bins).Select(i => new DistributionBin(
            Math.Round(Math.Exp(logLow + (i * width)), 4),
            Math.Round(Math.Exp(logLow + ((i + 1) * width)), 4),
            counts[i]))];
    }
}
