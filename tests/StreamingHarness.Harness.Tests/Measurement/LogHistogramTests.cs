using Shouldly;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Measurement;

public sealed class LogHistogramTests
{
    private static readonly double[] Quantiles = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0];

    [Fact]
    public void ValueAtQuantile_UniformData_WithinOnePercentOfExactNearestRank()
    {
        var values = Enumerable.Range(1, 100_000).Select(i => (long)i * 1_000).ToArray();
        AssertMatchesExact(values);
    }

    [Fact]
    public void ValueAtQuantile_LogNormalData_WithinOnePercentOfExactNearestRank()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 50_000)
            .Select(_ => (long)Math.Exp(13 + (2 * Normal(random))))
            .ToArray();
        AssertMatchesExact(values);
    }

    [Fact]
    public void MinMeanMax_AreExact()
    {
        var histogram = new LogHistogram();
        foreach (var v in new long[] { 5_000_000, 1_234_567, 9_999_999 })
        {
            histogram.Record(v);
        }

        histogram.Count.ShouldBe(3);
        histogram.Min.ShouldBe(1_234_567);
        histogram.Max.ShouldBe(9_999_999);
        histogram.Mean.ShouldBe((5_000_000 + 1_234_567 + 9_999_999) / 3.0);
        histogram.ValueAtQuantile(1).ShouldBe(9_999_999);
        histogram.ValueAtQuantile(0).ShouldBe(1_234_567);
    }

    [Fact]
    public void Merge_EqualsRecordingEverythingInOne()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)random.Next(1, 50_000_000)).ToArray();
        var whole = new LogHistogram();
        var left = new LogHistogram();
        var right = new LogHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            whole.Record(values[i]);
            (i % 3 == 0 ? left : right).Record(values[i]);
        }

        left.Merge(right);

        left.Count.ShouldBe(whole.Count);
        left.Min.ShouldBe(whole.Min);
        left.Max.ShouldBe(whole.Max);
        left.Mean.ShouldBe(whole.Mean, 1e-6);
        foreach (var q in Quantiles)
        {
            left.ValueAtQuantile(q).ShouldBe(whole.ValueAtQuantile(q));
        }
    }

    [Fact]
    public void Empty_ReportsZeros()
    {
        var histogram = new LogHistogram();

        histogram.Count.ShouldBe(0);
        histogram.ValueAtQuantile(0.99).ShouldBe(0);
        Percentiles.From(histogram).ShouldBe(Percentiles.Empty);
    }

    [Fact]
    public void Record_ZeroAndNegative_CountAsZero()
    {
        var histogram = new LogHistogram();
        histogram.Record(0);
        histogram.Record(-5);

        histogram.Min.ShouldBe(0);
        histogram.ValueAtQuantile(0.5).ShouldBe(0);
    }

    [Fact]
    public void Record_FromManyThreads_LosesNothing()
    {
        var histogram = new LogHistogram();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 1; i <= 10_000; i++)
            {
                histogram.Record(i);
            }
        });

        histogram.Count.ShouldBe(80_000);
        histogram.NonEmptyBuckets().Sum(b => b.Count).ShouldBe(80_000);
        histogram.Max.ShouldBe(10_000);
    }

    private static void AssertMatchesExact(long[] values)
    {
        var histogram = new LogHistogram();
        foreach (var v in values)
        {
            histogram.Record(v);
        }

        var sorted = values.Order().ToArray();
        foreach (var q in Quantiles)
        {
            var exact = sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Length)) - 1];
            var estimate = histogram.ValueAtQuantile(q);
            Math.Abs(estimate - exact)
                .ShouldBeLessThanOrEqualTo(exact * LogHistogram.RelativeAccuracy, $"quantile {q}: exact {exact}, estimate {estimate}");
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
