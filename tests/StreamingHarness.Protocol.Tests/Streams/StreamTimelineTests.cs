using Shouldly;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Protocol.Tests.Streams;

public sealed class StreamTimelineTests
{
    [Fact]
    public void OnLine_EmptyLinesBetweenTokens_AreNeitherTtftNorGaps()
    {
        var timeline = new StreamTimeline(100);

        timeline.OnLine(105, hasOutput: false).ShouldBe(-1);
        timeline.OnLine(110, hasOutput: true).ShouldBe(-1);
        timeline.OnLine(115, hasOutput: false).ShouldBe(-1);
        timeline.OnLine(130, hasOutput: true).ShouldBe(20);
        timeline.OnLine(160, hasOutput: true).ShouldBe(30);
        timeline.OnTerminal(170);

        timeline.Ttft.ShouldBe(10);
        timeline.E2e.ShouldBe(70);
        timeline.OutputChunks.ShouldBe(3);
        timeline.TokensAreChunks.ShouldBeTrue();
        timeline.Tpot.ShouldBe(30);
    }

    [Fact]
    public void Tpot_ServerCount_WinsOverChunks()
    {
        var timeline = new StreamTimeline(0);
        timeline.OnLine(10, hasOutput: true);
        timeline.OnLine(20, hasOutput: true);
        timeline.OnTerminal(50, reportedTokens: 5);

        timeline.OutputTokens.ShouldBe(5);
        timeline.TokensAreChunks.ShouldBeFalse();
        timeline.Tpot.ShouldBe(10);
    }

    [Fact]
    public void Figures_NoOutputAndNoEnd_AreUndefined()
    {
        var timeline = new StreamTimeline(0);
        timeline.OnLine(10, hasOutput: true);

        timeline.Ttft.ShouldBe(10);
        timeline.E2e.ShouldBeNull();
        timeline.Tpot.ShouldBeNull();
        new StreamTimeline(0).Ttft.ShouldBeNull();
    }

    [Fact]
    public void OnEnded_AfterTerminal_KeepsTheTerminal()
    {
        var timeline = new StreamTimeline(0);
        timeline.OnTerminal(40);
        timeline.OnEnded(90);

        timeline.E2e.ShouldBe(40);
    }

    [Theory]
    [InlineData(0, 3, true)]
    [InlineData(1, 3, true)]
    [InlineData(2, 3, false)]
    [InlineData(192, 3, false)]
    [InlineData(193, 3, true)]
    public void TokensAreChunks_CountThatCannotBeRight_FallsBackToChunks(long reported, long chunks, bool areChunks)
    {
        var timeline = new StreamTimeline(0);
        for (var i = 1; i <= chunks; i++)
        {
            timeline.OnLine(i * 10, hasOutput: true);
        }

        timeline.OnTerminal(100, reported);

        timeline.TokensAreChunks.ShouldBe(areChunks);
        timeline.OutputTokens.ShouldBe(areChunks ? chunks : reported);
    }
}
