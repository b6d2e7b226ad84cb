using System.Diagnostics;
using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Harness.Tests.Measurement;

public sealed class HarnessClockTests
{
    [Fact]
    public void Now_FakeTimeProvider_CountsStopwatchTicksFromOneSecond()
    {
        var time = new TestClock();
        var clock = new HarnessClock(time);

        var first = clock.Now;
        time.Advance(TimeSpan.FromMilliseconds(250));
        var later = clock.Now;

        first.ShouldBe(Stopwatch.Frequency);
        Ticks.ToMilliseconds(later - first).ShouldBe(250, tolerance: 1e-9);
    }

    [Fact]
    public void Now_NothingMovesTheClock_ReadsTheSameEveryTime()
    {
        var clock = new HarnessClock(new TestClock());

        clock.Now.ShouldBe(clock.Now);
    }

    [Fact]
    public void Now_SystemClock_IsTheStopwatchItself()
    {
        var before = Stopwatch.GetTimestamp();

        var now = HarnessClock.System.Now;

        now.ShouldBeInRange(before, Stopwatch.GetTimestamp());
        HarnessClock.System.Time.ShouldBeSameAs(TimeProvider.System);
    }
}
