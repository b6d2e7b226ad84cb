using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Verify;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Harness.Tests.Verify;

public sealed class VerdictJudgeTests
{
    private const string Upstream = "The quick brown fox jumps.";

    private static Observation Seen(Outcome outcome, string text, long? reported = null)
    {
        var tokens = text.Split(' ').Length;
        var source = reported is not { } count ? TokenCountSource.ChunksNoCount
            : StreamTimeline.CountIsCredible(count, tokens) ? TokenCountSource.Server : TokenCountSource.ChunksCountDisagrees;
        return new(outcome, text, tokens, reported, source, 1, null);
    }

    [Fact]
    public void CutShort_CleanEnd_IsSilentTruncation()
    {
        VerdictJudge.Judge(VerdictRule.CutShort, Seen(Outcome.Ok, "The quick"), Upstream)
            .ShouldBe("silent truncation: a clean end after 2 tokens although the upstream cut the stream short");
    }

    [Fact]
    public void CutShort_ErrorAfterAPrefix_Passes()
    {
        VerdictJudge.Judge(VerdictRule.CutShort, Seen(Outcome.InBand("upstream_disconnected"), "The quick"), Upstream).ShouldBeNull();
    }

    [Fact]
    public void CutShort_DuplicatedToken_IsNamed()
    {
        VerdictJudge.Judge(VerdictRule.CutShort, Seen(Outcome.Disconnect("reset"), "The quick quick"), Upstream)
            .ShouldBe("text differs from the upstream's at character 10: saw \"The quick quick\", upstream \"The quick brown fox ju\"");
    }

    [Fact]
    public void Stall_ClientDeadline_FailsAsWaitingForever()
    {
        VerdictJudge.Judge(VerdictRule.Stall, Seen(Outcome.Timeout(TimeoutPhase.Idle), "The quick"), Upstream)
            .ShouldBe("no error within the stall bound: the service waits on a silent upstream");
    }

    [Theory]
    [InlineData("The quick brown fox jumps.", true)]
    [InlineData("The brown fox jumps.", true)]
    [InlineData("The quick \uFFFD( fox jumps.", true)]
    [InlineData("The fox jumps.", false)]
    [InlineData("The quick brown fox", false)]
    public void BadLine_CleanEnd_PassesOnlyWithOneTokenSkippedOrReplaced(string seen, bool passes)
    {
        (VerdictJudge.Judge(VerdictRule.BadLine, Seen(Outcome.Ok, seen), Upstream) is null).ShouldBe(passes);
    }

    [Fact]
    public void Whole_ServerCountDisagreesWithTheChunksSeen_IsAFinding()
    {
        VerdictJudge.Judge(VerdictRule.Whole, Seen(Outcome.Ok, Upstream, reported: 0), Upstream)
            .ShouldBe("the service's own count says 0 tokens, far from the 5 content chunks the client saw");
    }

    [Fact]
    public void Whole_ServerCountCloseToTheChunks_IsNoFinding()
    {
        VerdictJudge.Judge(VerdictRule.Whole, Seen(Outcome.Ok, Upstream, reported: 6), Upstream).ShouldBeNull();
    }

    [Fact]
    public void ErrorOrWhole_ErrorStatus_Passes_AndCleanEndNeedsTheWholeText()
    {
        VerdictJudge.Judge(VerdictRule.ErrorOrWhole, Seen(Outcome.Http(503, "busy"), ""), Upstream).ShouldBeNull();
        VerdictJudge.Judge(VerdictRule.ErrorOrWhole, Seen(Outcome.Ok, ""), Upstream)
            .ShouldBe("text lost: the client saw 0 of 26 characters, ending at \"The quick br\"");
    }
}
