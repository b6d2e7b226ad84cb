using Shouldly;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Measurement;

public sealed class StreamJoinTests
{
    private const long StartNs = 5_000_000_000;

    /// <summary>The fake's lines: three tokens of three characters 100 ms apart, then done (no text).</summary>
    private static readonly UpstreamLines ThreeTokens = new(StartNs, [0, 100, 200, 300], [3, 6, 9, 9]);

    private static TextArrival At(double ms, long textEnd) => new(Ticks.FromMilliseconds(ms + (StartNs / 1e6)), textEnd);

    [Fact]
    public void Join_MergedEvent_CountsEachTokenAtItsLastCharacter()
    {
        var join = StreamJoin.Join(ThreeTokens, [At(150, 6), At(305, 9)]).ShouldNotBeNull();

        join.Tokens.ShouldBe(3);
        join.Joined.ShouldBe(3);
        join.Timeline.Select(t => t.AddedNs / 1_000_000).ShouldBe([150, 50, 105]);
        join.AddedTtftMs.ShouldBe(150);
        (join.Bursts, join.SentBursts).ShouldBe((2, 3));
        (join.P50Ms, join.MaxMs).ShouldBe((105, 150));
    }

    [Fact]
    public void Join_EventSplittingAToken_CountsTheTokenWhenItsLastCharacterArrived()
    {
        var join = StreamJoin.Join(ThreeTokens, [At(10, 2), At(20, 3), At(110, 6), At(210, 9)]).ShouldNotBeNull();

        join.Timeline.Select(t => t.AddedNs / 1_000_000).ShouldBe([20, 10, 10]);
        join.Bursts.ShouldBe(3);
    }

    [Fact]
    public void Join_ClientMissingTheEnd_JoinsWhatArrived()
    {
        var join = StreamJoin.Join(ThreeTokens, [At(1, 3)]).ShouldNotBeNull();

        (join.Tokens, join.Joined, join.Bursts).ShouldBe((3, 1, 1));
    }

    [Fact]
    public void Join_ArrivalsUnderAMillisecondApart_AreOneBurst()
    {
        var join = StreamJoin.Join(ThreeTokens, [At(300, 3), At(300.4, 6), At(300.8, 9)]).ShouldNotBeNull();

        join.Bursts.ShouldBe(1);
    }

    [Fact]
    public void Join_ArrivalBeforeTheFakesStamp_CountsZero()
    {
        var join = StreamJoin.Join(ThreeTokens, [At(-0.01, 3), At(100, 6), At(200, 9)]).ShouldNotBeNull();

        join.Timeline.Select(t => t.AddedNs).ShouldBe([0, 0, 0]);
    }

    [Fact]
    public void Join_NoMonotonicStart_CannotJoin() =>
        StreamJoin.Join(ThreeTokens with { StartNs = 0 }, [At(1, 9)]).ShouldBeNull();

    [Fact]
    public void FewestHonestBursts_CoversTheSendsWithWindowsOfTheBound()
    {
        var join = StreamJoin.Join(new UpstreamLines(StartNs, [0, 100, 200, 300, 400], [1, 2, 3, 4, 5]), [At(500, 5)])!;

        StreamJoin.FewestHonestBursts(join.Timeline, TimeSpan.FromMilliseconds(250)).ShouldBe(2);
        StreamJoin.FewestHonestBursts(join.Timeline, TimeSpan.FromMilliseconds(50)).ShouldBe(5);
    }
}
