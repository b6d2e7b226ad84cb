using Shouldly;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Measurement;

public sealed class RequestTimelineTests
{
    private static readonly long Ms = Ticks.FromMilliseconds(1);

    [Fact]
    public void Ttft_IgnoresEmptyChunks()
    {
        var t = new RequestTimeline();
        t.OnStart(1000 * Ms);
        t.OnHeaders(1002 * Ms);
        t.OnChunk(1005 * Ms, hasContent: false);
        t.OnChunk(1010 * Ms, hasContent: false);
        t.OnChunk(1020 * Ms, hasContent: true);

        t.TtftMs!.Value.ShouldBe(20, 1e-6);
        t.HeadersMs!.Value.ShouldBe(2, 1e-6);
        t.ContentChunks.ShouldBe(1);
        t.GapCount.ShouldBe(0);
    }

    [Fact]
    public void Itl_RecordsEveryGapBetweenContentChunks_SkippingEmptyOnes()
    {
        var recorder = new GapRecorder(expectedMs: 25);
        var gaps = recorder.Gaps;
        var t = new RequestTimeline(recorder);
        t.OnStart(0);
        t.OnChunk(10 * Ms, true);
        t.OnChunk(30 * Ms, true);
        t.OnChunk(35 * Ms, false);
        t.OnChunk(70 * Ms, true);

        t.GapCount.ShouldBe(2);
        gaps.Count.ShouldBe(2);
        gaps.Min.ShouldBe(Ticks.ToNanoseconds(20 * Ms));
        gaps.Max.ShouldBe(Ticks.ToNanoseconds(40 * Ms));
        t.ItlMeanMs!.Value.ShouldBe(30, 1e-6);
        t.ItlMaxMs!.Value.ShouldBe(40, 1e-6);
        recorder.Errors.Count.ShouldBe(2);
        recorder.Errors.Min.ShouldBe(Ticks.ToNanoseconds(5 * Ms));
        recorder.Errors.Max.ShouldBe(Ticks.ToNanoseconds(15 * Ms));
    }

    [Fact]
    public void Tpot_WithOneToken_IsUndefined()
    {
        var t = new RequestTimeline();
        t.OnStart(0);
        t.OnChunk(10 * Ms, true);
        t.OnTerminal(15 * Ms, reportedTokens: 1);

        t.TpotMs.ShouldBeNull();
        t.E2eMs!.Value.ShouldBe(15, 1e-6);
        t.OutputTokens.ShouldBe(1);
    }

    [Fact]
    public void Tpot_UsesServerTokenCount_WhenGiven()
    {
        var t = new RequestTimeline();
        t.OnStart(0);
        t.OnChunk(100 * Ms, true);
        t.OnChunk(200 * Ms, true);
        t.OnTerminal(500 * Ms, reportedTokens: 5);

        t.OutputTokens.ShouldBe(5);
        t.TokensAreChunks.ShouldBeFalse();
        t.TpotMs!.Value.ShouldBe((500 - 100) / 4.0, 1e-6);
    }

    [Fact]
    public void OutputTokens_WithoutServerCount_AreChunksAndLabelledSo()
    {
        var t = new RequestTimeline();
        t.OnStart(0);
        t.OnChunk(1 * Ms, true);
        t.OnChunk(2 * Ms, true);
        t.OnChunk(3 * Ms, true);
        t.OnTerminal(4 * Ms, reportedTokens: null);

        t.OutputTokens.ShouldBe(3);
        t.TokensAreChunks.ShouldBeTrue();
        t.TpotMs!.Value.ShouldBe(1.5, 1e-6);
    }

    [Fact]
    public void FirstByte_IsTheFirstNonEmptyRead()
    {
        var t = new RequestTimeline();
        t.OnStart(0);
        t.OnBytes(3 * Ms, 0);
        t.OnBytes(4 * Ms, 17);
        t.OnBytes(9 * Ms, 5);

        t.FirstByteMs!.Value.ShouldBe(4, 1e-6);
        t.Bytes.ShouldBe(22);
    }
}
