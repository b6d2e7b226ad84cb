extern alias fake;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// One test per built-in fault scenario (scenarios/*.yaml), driven through <c>POST /stream/chat</c>: the exact
/// events the client sees, its one terminal event, and what the fake's journal saw (the upstream let go).
/// </summary>
public sealed class BuiltInFaultScenarioTests
{
    private const string Sentence = "The quick brown fox jumps over the lazy dog while the stream keeps going.";

    [Fact]
    public async Task ErrorMidstream_ThreeTokensThenUpstreamError()
    {
        var run = await RunAsync("error-midstream");

        run.Types.ShouldBe(["start", "token", "token", "token", "error"]);
        run.Error.Code.ShouldBe("upstream_error");
        run.Upstream.Single().Ending.ShouldBe(StreamEnding.Fault);
    }

    [Fact]
    public async Task SilentTruncation_OnTheNativeApiIsTheInBandError()
    {
        var run = await RunAsync("silent-truncation");

        run.Types.ShouldBe(["start", "token", "token", "token", "error"]);
        run.Error.Code.ShouldBe("upstream_error");
    }

    [Fact]
    public async Task EarlyEof_EveryTokenThenUpstreamProtocol()
    {
        var run = await RunAsync("early-eof");

        run.Types[^1].ShouldBe("error");
        run.Error.Code.ShouldBe("upstream_protocol");
        run.Text.ShouldBe(Sentence);
        run.Upstream.Single().IsFinished.ShouldBeTrue();
    }

    [Fact]
    public async Task AfterDone_ASecondDoneLineIsUpstreamProtocolAndNoDoneIsSent()
    {
        var run = await RunAsync("after-done");

        run.Types.ShouldNotContain("done");
        run.Error.ShouldBe(("upstream_protocol", $"upstream line {run.Tokens + 2} came after the done line"));
        run.Text.ShouldBe(Sentence);
    }

    [Fact]
    public async Task MalformedLine_TwoTokensThenUpstreamProtocol()
    {
        var run = await RunAsync("malformed-line");

        run.Types.ShouldBe(["start", "token", "token", "error"]);
        run.Error.Code.ShouldBe("upstream_protocol");
        run.Error.Message.ShouldStartWith("malformed upstream line: ndjson line 3: not valid JSON");
        run.Upstream.Single().IsFinished.ShouldBeTrue();
    }

    [Fact]
    public async Task MalformedLine_WithSkipOption_CompletesWithEveryToken()
    {
        var run = await RunAsync("malformed-line", new() { ["Relay:Upstream:SkipMalformedLines"] = "true" });

        run.Types[^1].ShouldBe("done");
        run.Text.ShouldBe(Sentence);
    }

    [Fact]
    public async Task WrongTypes_AChunkWithoutItsMessageIsUpstreamProtocol()
    {
        var run = await RunAsync("wrong-types");

        run.Types.ShouldBe(["start", "token", "token", "error"]);
        run.Error.Message.ShouldContain("field 'message' is missing");
    }

    [Fact]
    public async Task BadUtf8_IsUpstreamProtocolNotCorruptedText()
    {
        var run = await RunAsync("bad-utf8");

        run.Types.ShouldBe(["start", "token", "token", "error"]);
        run.Error.ShouldBe(("upstream_protocol", "upstream line 3 holds text that is not valid UTF-8"));
    }

    [Fact]
    public async Task HugeLine_OverTheLineLimitIsUpstreamProtocol()
    {
        var run = await RunAsync("huge-line");

        run.Types.ShouldBe(["start", "token", "token", "error"]);
        run.Error.Message.ShouldContain("line longer than the limit of 8388608 bytes");
        run.Upstream.Single().IsFinished.ShouldBeTrue();
    }

    [Fact]
    public async Task TornLine_ThreeTokensThenUpstreamProtocol()
    {
        var run = await RunAsync("torn-line");

        run.Types.ShouldBe(["start", "token", "token", "token", "error"]);
        run.Error.Code.ShouldBe("upstream_protocol");
    }

    [Fact]
    public async Task AbruptClose_ThreeTokensThenUpstreamDisconnected()
    {
        var run = await RunAsync("abrupt-close");

        run.Types.ShouldBe(["start", "token", "token", "token", "error"]);
        run.Error.Code.ShouldBe("upstream_disconnected");
    }

    [Fact]
    public async Task Disconnect_ResetMidStreamIsUpstreamDisconnected()
    {
        var run = await RunAsync("disconnect");

        run.Types[^1].ShouldBe("error");
        run.Error.Code.ShouldBe("upstream_disconnected");
        run.Tokens.ShouldBe(3);
    }

    [Fact]
    public async Task BlankLines_CrlfAndWhitespaceLinesAreTolerated()
    {
        var run = await RunAsync("blank-lines");

        run.Types[^1].ShouldBe("done");
        run.Text.ShouldBe(Sentence);
        run.Tokens.ShouldBe(run.Upstream.Single().TokensDelivered);
    }

    [Fact]
    public async Task EmptyChunks_AreNotForwarded()
    {
        var run = await RunAsync("empty-chunks");

        run.Types[^1].ShouldBe("done");
        run.Text.ShouldBe(Sentence);
        run.Events.Where(e => e.Type == "token").ShouldAllBe(e => !e.Data.Contains("\"content\":\"\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trickle_LinesSplitInsideMultiByteCharactersArriveIntact()
    {
        var run = await RunAsync("trickle");

        run.Types[^1].ShouldBe("done");
        run.Text.ShouldBe("Café ☕ naïve 日本語 text arrives in pieces.");
    }

    [Fact]
    public async Task WrongContentType_StreamIsStillRelayed()
    {
        var run = await RunAsync("wrong-content-type");

        run.Types[^1].ShouldBe("done");
        run.Text.ShouldBe(Sentence);
    }

    private static Task<ScenarioRun> RunAsync(string scenario, Dictionary<string, string?>? settings = null) =>
        ScenarioRun.RunBuiltInAsync(scenario, settings);
}
