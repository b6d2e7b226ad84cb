using Shouldly;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Harness.Tests.Shards;

public sealed class PhaseAlignmentTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitForSlot_EachPhase_StartsAtItsAlignedOffsetAndNotBefore()
    {
        var clock = new TestClock();
        var alignment = new PhaseAlignment(clock.GetUtcNow().AddSeconds(30), clock);

        var start = alignment.WaitForStartAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(29));
        start.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        await start.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        await alignment.WaitForSlotAsync("first", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);
        var second = alignment.WaitForSlotAsync("second", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(5));
        second.IsCompleted.ShouldBeFalse();
        clock.Advance(PhaseAlignment.Settle);
        await second.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        alignment.Late.ShouldBeEmpty();
    }

    [Fact]
    public async Task WaitForSlot_PhaseStartsLate_StartsAtOnceAndIsNoted()
    {
        var clock = new TestClock();
        var alignment = new PhaseAlignment(clock.GetUtcNow(), clock);
        clock.Advance(TimeSpan.FromSeconds(10));

        await alignment.WaitForSlotAsync("measured", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);

        alignment.Late.ShouldHaveSingleItem()
            .ShouldStartWith("phase 'measured' started 10,000 ms after its aligned start 2025-10-26T17:21:21.000Z");
    }

    [Fact]
    public void CheckNotPast_WithinTolerance_Accepted()
    {
        var clock = new TestClock();

        PhaseAlignment.CheckNotPast(clock.GetUtcNow() - PhaseAlignment.Tolerance, clock);
    }

    [Fact]
    public void CheckNotPast_BeyondTolerance_SaysHowFarAndWhatToDo()
    {
        var clock = new TestClock();

        Should.Throw<FormatException>(() => PhaseAlignment.CheckNotPast(clock.GetUtcNow().AddSeconds(-11), clock)).Message.ShouldBe(
            "--start-at 2025-10-26T17:21:10.000Z is 11 s in the past (now 2025-10-26T17:21:21.000Z; at most 10 s late is accepted): "
            + "give a time every shard can still reach, e.g. two minutes from now.");
    }
}
