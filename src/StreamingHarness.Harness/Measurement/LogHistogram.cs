namespace StreamingHarness.Harness.Measurement;

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

    /// <summary>
    /// Every non-empty bucket by index, with the exact count, sum, min and max: written to summary.json so that
    /// histograms from other processes or machines merge with <see cref="FromSnapshot"/> exactly as in memory.
    /// </summary>
    public HistogramSnapshot ToSnapshot()
    {
        var buckets = new List<long[]>();
        for (var i = 0; i < BucketCount; i++)
        {
            var c = Volatile.Read(ref _counts[i]);
            if (c != 0)
            {
                buckets.Add([i, c]);
            }
        }

        return new HistogramSnapshot(RelativeAccuracy, Count, Volatile.Read(ref _sum), Min, Max, buckets);
    }

    /// <summary>The histogram a snapshot was taken of; a snapshot that does not add up is a <see cref="FormatException"/>.</summary>
    public static LogHistogram FromSnapshot(HistogramSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.RelativeAccuracy != RelativeAccuracy)
        {
            throw new FormatException(
                $"histogram of relative accuracy {snapshot.RelativeAccuracy}, this harness's are {RelativeAccuracy}: "
                + "buckets would not line up.");
        }

        var histogram = new LogHistogram();
        long total = 0;
        foreach (var bucket in snapshot.Buckets)
        {
            if (bucket is not [var index, var count] || index is < 0 or >= BucketCount || count < 1)
            {
                throw new FormatException(
                    $"histogram bucket [{string.Join(", ", bucket ?? [])}]: want [index 0..{BucketCount - 1}, count >= 1].");
            }

            histogram._counts[index] += count;
            total += count;
        }

        if (total != snapshot.Count || (total > 0 && snapshot.Min > snapshot.Max))
        {
            throw new FormatException(
                $"histogram count {snapshot.Count} but its buckets hold {total} (or min {snapshot.Min} > max {snapshot.Max}).");
        }

        histogram._count = total;
        histogram._sum = snapshot.Sum;
        if (total > 0)
        {
            histogram._min = snapshot.Min;
            histogram._max = snapshot.Max;
        }

        return histogram;
    }

    private static int IndexOf(long value) =>
        value <= 1 ? 0 : Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log(value) / LogGamma));

    private static double RepresentativeOf(int index) => index == 0 ? 1 : 2 * Math.Pow(Gamma, index) / (Gamma + 1);
}
