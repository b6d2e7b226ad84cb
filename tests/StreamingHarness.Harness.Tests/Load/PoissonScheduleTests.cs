using Shouldly;
using StreamingHarness.Harness.Load;

namespace StreamingHarness.Harness.Tests.Load;

public sealed class PoissonScheduleTests
{
    [Fact]
    public void Create_SameSeed_SameArrivals()
    {
        var a = PoissonSchedule.Create(50, TimeSpan.FromSeconds(10), 10_000, seed: 3);
        var b = PoissonSchedule.Create(50, TimeSpan.FromSeconds(10), 10_000, seed: 3);
        var c = PoissonSchedule.Create(50, TimeSpan.FromSeconds(10), 10_000, seed: 4);

        a.ShouldBe(b);
        a.ShouldNotBe(c);
    }

    [Fact]
    public void Create_ArrivalsIncreaseAndStayInsideTheDuration()
    {
        var arrivals = PoissonSchedule.Create(100, TimeSpan.FromSeconds(5), 1_000_000, seed: 1);

        arrivals.ShouldNotBeEmpty();
        arrivals.Zip(arrivals.Skip(1)).ShouldAllBe(p => p.Second > p.First);
        arrivals.ShouldAllBe(t => t > 0 && t < 5);
    }

    [Fact]
    public void Create_StopsAtTheRequestCount()
    {
        PoissonSchedule.Create(1000, TimeSpan.FromHours(1), 123, seed: 1).Length.ShouldBe(123);
    }

    [Fact]
    public void Create_GapsAreExponentialWithMeanOneOverRate()
    {
        const double rate = 200;
        var arrivals = PoissonSchedule.Create(rate, TimeSpan.FromHours(1), 50_000, seed: 11);
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToArray();

        var mean = gaps.Average();
        mean.ShouldBe(1 / rate, 0.02 / rate);
        // Exponential: the standard deviation equals the mean, and P(gap > mean) = e^-1.
        Math.Sqrt(gaps.Average(g => (g - mean) * (g - mean))).ShouldBe(mean, 0.03 * mean);
        ((double)gaps.Count(g => g > mean) / gaps.Length).ShouldBe(Math.Exp(-1), 0.01);
    }

    [Fact]
    public void Create_NonPositiveRate_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PoissonSchedule.Create(0, TimeSpan.FromSeconds(1), 10, 1));
    }
}
