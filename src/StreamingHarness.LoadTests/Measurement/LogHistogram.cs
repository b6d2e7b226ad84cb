namespace StreamingHarness.LoadTests.Measurement;

/// <summary>
/// A log-bucketed histogram of durations in nanoseconds, in the manner of DDSketch: bucket i holds values in
/// (γ^(i-1), γ^i] with γ = (1+α)/(1-α), and answers with 2γ^i/(γ+1), so every quantile is within α = 1% of a value
/// that was recorded at that rank. Recording is lock-free (one interlocked add per value), and two histograms
/// merge by adding their buckets, so workers, steps and runs combine without keeping raw samples.
/// </summary>
internal sealed class LogHistogram
{
    public const double RelativeAccuracy = 0.01;

    /// <summary>γ^1600 ≈ 8·10^13 ns, about 22 hours: longer values land in the last bucket.</summary>
    private const int BucketCount = 1600;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;

    public long Count => Volatile.Read(ref _count);

    public long Min => Count == 0 ? 0 : Volatile.Read(ref _min);

    public long Max => Count == 0 ? 0 : Volatile.Read(ref _max);

    public double Mean => Count == 0 ? 0 : (double)Volatile.Read(ref _sum) / Count;

    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        Interlocked.Increment(ref _counts[IndexOf(nanoseconds)]);
        Interlocked.Add(ref _sum, nanoseconds);
        AtomicLong.Min(ref _min, nanoseconds);
        AtomicLong.Max(ref _max, nanoseconds);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Nearest-rank quantile: the smallest recorded value (to within 1%) with at least q·n values at or below it.</summary>
    public double ValueAtQuantile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        if (rank == 1 || rank >= count)
        {
            // The extremes are known exactly.
            return rank == 1 ? Min : Max;
        }

        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Clamp(RepresentativeOf(i), Min, Max);
            }
        }

        return Max;
    }

    public void Merge(LogHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < BucketCount; i++)
        {
            var c = Volatile.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        Interlocked.Add(ref _sum, Volatile.Read(ref other._sum));
        AtomicLong.Min(ref _min, other.Min);
        AtomicLong.Max(ref _max, other.Max);
        Interlocked.Add(ref _count, other.Count);
    }

    /// <summary>The non-empty buckets, as (lower bound, upper bound, count) in nanoseconds, for distribution charts.</summary>
    public IReadOnlyList<HistogramBucket> NonEmptyBuckets()
    {
        var buckets = new List<HistogramBucket>();
        for (var i = 0; i < BucketCount; i++)
        {
            var c = Volatile.Read(ref _counts[i]);
            if (c != 0)
            {
                var upper = i == 0 ? 1 : Math.Pow(Gamma, i);
                var lower = i == 0 ? 0 : Math.Pow(Gamma, i - 1);
                buckets.Add(new HistogramBucket(lower, upper, c));
            }
        }

        return buckets;
    }

    private static int IndexOf(long value) =>
        value <= 1 ? 0 : Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log(value) / LogGamma));

    private static double RepresentativeOf(int index) => index == 0 ? 1 : 2 * Math.Pow(Gamma, index) / (Gamma + 1);
}
