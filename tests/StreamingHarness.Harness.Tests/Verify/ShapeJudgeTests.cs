using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Tests.Verify;

public sealed class ShapeJudgeTests
{
    private const long StartNs = 5_000_000_000;
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(250);

    /// <summary>Fifteen one-character tokens, <paramref name="gapMs"/> apart.</summary>
    private static UpstreamLines Paced(double gapMs) =>
        new(StartNs, [.. Enumerable.Range(0, 15).Select(i => i * gapMs)], [.. Enumerable.Range(1, 15).Select(i => (long)i)]);

    private static TextArrival At(double ms, long textEnd) => new(Ticks.FromMilliseconds(ms + (StartNs / 1e6)), textEnd);

    [Fact]
    public void Judge_BufferedToTheEnd_FailsNamingTheBuffer()
    {
        var join = StreamJoin.Join(Paced(1000), [At(14_500, 15)]);

        ShapeJudge.Judge(join, Bound).ShouldBe(
            "buffered: 15 tokens the upstream sent over 14.0 s reached the client in 1 burst after the last was sent, at 14.5 s "
            + "(added delay p50 7.5 s)");
    }

    [Fact]
    public void Judge_WholeAnswerReadInTwoReads_StillFailsAsBuffered()
    {
        var join = StreamJoin.Join(Paced(1000), [At(14_500, 7), At(14_510, 15)]);

        ShapeJudge.Judge(join, Bound).ShouldBe(
            "buffered: 15 tokens the upstream sent over 14.0 s reached the client in 2 bursts after the last was sent, at 14.5 s "
            + "(added delay p50 7.5 s)");
    }

    [Fact]
    public void Judge_FixedDelayPerToken_FailsAsDelayed()
    {
        var join = StreamJoin.Join(Paced(1000), [.. Enumerable.Range(0, 15).Select(i => At((i * 1000) + 300, i + 1))]);

        ShapeJudge.Judge(join, Bound).ShouldBe(
            "delayed: 15 of 15 tokens reached the client more than 250 ms after the upstream sent them "
            + "(added delay p50 300 ms, p99 300 ms, max 300 ms, 15 bursts for 15 tokens)");
    }

    [Theory]
    [InlineData(50)]
    [InlineData(100)]
    public void Judge_CoalescingWindowUnderTheBound_Passes(int windowMs)
    {
        // Tokens every 50 ms; the service sends what it holds at the end of each window.
        var arrivals = Enumerable.Range(0, 15)
            .GroupBy(i => (i * 50 / windowMs) + 1)
            .Select(g => At(g.Key * windowMs, g.Max() + 1))
            .ToList();

        ShapeJudge.Judge(StreamJoin.Join(Paced(50), arrivals), Bound).ShouldBeNull();
    }

    [Fact]
    public void Judge_ShortStreamInOneBurst_PassesAsAnyWindowUnderTheBoundWould()
    {
        var join = StreamJoin.Join(Paced(10), [At(200, 15)]);

        ShapeJudge.Judge(join, Bound).ShouldBeNull();
    }
}
