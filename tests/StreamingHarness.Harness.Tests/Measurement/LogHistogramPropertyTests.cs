using CsCheck;
using Shouldly;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Measurement;

public sealed class LogHistogramPropertyTests
{
    private static readonly double[] Quantiles = [0, 0.001, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1];

    /// <summary>Uniform, clustered, heavy-tailed and constant samples from 1 ns to about 1000 s.</summary>
    private static readonly Gen<long[]> Samples = Gen.OneOf(
        Gen.Long[1, 1_000_000_000_000L].Array[1, 400],
        Gen.Long[1_000_000, 1_000_500].Array[1, 400],
        Gen.Double[0, 27].Select(e => (long)Math.Exp(e) + 1).Array[1, 400],
        Gen.Select(Gen.Long[1, 1_000_000_000], Gen.Int[1, 400], (v, n) => Enumerable.Repeat(v, n).ToArray()));

    [Fact]
    public void ValueAtQuantile_AnyDistribution_WithinOnePercentOfExactNearestRank()
    {
        Samples.Sample(values =>
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
                Math.Abs(estimate - exact).ShouldBeLessThanOrEqualTo(exact * LogHistogram.RelativeAccuracy, $"quantile {q}");
            }
        });
    }
}
