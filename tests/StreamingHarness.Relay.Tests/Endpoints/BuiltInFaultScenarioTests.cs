extern alias fake;
using System.Net;
using System.Text.Json;
using fake::StreamingHarness.FakeOllama.Journal;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

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

    [Fact]
    public async Task EarlyHeaders_FirstTokenLateStillCompletes()
    {
        var run = await RunAsync("early-headers");

        run.Types[^1].ShouldBe("done");
        run.Text.ShouldBe(Sentence);
    }

    [Fact]
    public async Task ColdStart_LoadTimeIsWaitedOut()
    {
        var run = await RunAsync("cold-start");

        run.Types[0].ShouldBe("start");
        run.Types[^1].ShouldBe("done");
    }

    [Fact]
    public async Task Stall_OverTheIdleTimeoutIsIdleTimeoutAndTheUpstreamIsReleased()
    {
        var run = await RunAsync("stall", new() { ["Relay:Upstream:IdleTimeout"] = "00:00:01" });

        run.Types.ShouldBe(["start", "token", "token", "token", "error"]);
        run.Error.Code.ShouldBe("idle_timeout");
        run.Upstream.Single().Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task SlowTokens_OverTheIdleTimeoutIsIdleTimeout()
    {
        var run = await RunAsync("slow-tokens", new() { ["Relay:Upstream:IdleTimeout"] = "00:00:00.3" });

        run.Types.ShouldBe(["start", "token", "error"]);
        run.Error.Code.ShouldBe("idle_timeout");
        run.Upstream.Single().Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task SlowFirstToken_OverTheFirstTokenTimeoutIs504()
    {
        var run = await RunAsync("slow-first-token", new() { ["Relay:Upstream:FirstTokenTimeout"] = "00:00:01" });

        run.Status.ShouldBe(HttpStatusCode.GatewayTimeout);
        run.Problem.GetProperty("code").GetString().ShouldBe("first_token_timeout");
        run.Upstream.Single().Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task Http500_RetriedThen502()
    {
        var run = await RunAsync("http-500");

        run.Status.ShouldBe(HttpStatusCode.BadGateway);
        run.Problem.GetProperty("code").GetString().ShouldBe("upstream_error");
        run.Problem.GetProperty("detail").GetString()!.ShouldStartWith("upstream answered 500: timed out waiting for llama runner to start");
        run.Upstream.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Overloaded503_RetriedThen503()
    {
        var run = await RunAsync("overloaded-503");

        run.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        run.Problem.GetProperty("detail").GetString().ShouldBe("upstream answered 503: server busy, please try again.  maximum pending requests exceeded");
        run.Upstream.Count.ShouldBe(3);
    }

    [Fact]
    public async Task RateLimited429_RetryAfterHonouredThen429WithRetryAfter()
    {
        var run = await RunAsync("rate-limited-429", new() { ["Relay:Retry:MaxRetries"] = "1" });

        run.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        run.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
        run.Upstream.Count.ShouldBe(2);
    }

    [Fact]
    public async Task LegacyError_200WithOnlyAnErrorLineIs502BeforeAnyToken()
    {
        var run = await RunAsync("legacy-error");

        run.Status.ShouldBe(HttpStatusCode.BadGateway);
        run.Problem.GetProperty("code").GetString().ShouldBe("upstream_error");
    }

    [Fact]
    public async Task DropBeforeHeaders_RetriedThenUpstreamUnavailable()
    {
        var run = await RunAsync("drop-before-headers");

        run.Status.ShouldBe(HttpStatusCode.BadGateway);
        run.Problem.GetProperty("code").GetString().ShouldBe("upstream_unavailable");
        run.Upstream.Count.ShouldBe(3);
    }

    [Fact]
    public async Task FlakyThenOk_BusyIsRetriedButAResetAfterTokensIsNot()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true);

        var first = await ScenarioRun.ExecuteAsync(env, "flaky-then-ok");
        var second = await ScenarioRun.ExecuteAsync(env, "flaky-then-ok");

        first.Types.ShouldBe(["start", "token", "token", "token", "error"]);
        first.Error.Code.ShouldBe("upstream_disconnected");
        first.Upstream.Count.ShouldBe(2);
        second.Types[^1].ShouldBe("done");
        second.Text.ShouldBe(Sentence);
    }

    [Fact]
    public async Task Hold_PausedStreamCarriesOnWhenReleased()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true);
        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("hold"));

        var events = await RelayHttp.ReadEventsAsync(response, (_, tokens) =>
        {
            if (tokens == 2)
            {
                // The fake pauses just after writing token 2, which may reach the client first.
                SpinWait.SpinUntil(() => env.Fake.PausedStreams == 1, Eventually.DefaultDeadline).ShouldBeTrue();
                env.Fake.ReleasePausedStreams().ShouldBe(1);
            }
        });

        events.Select(e => e.Type).ShouldBe(["start", "token", "token", "token", "token", "done"]);
    }

    private static async Task<ScenarioRun> RunAsync(string scenario, Dictionary<string, string?>? settings = null)
    {
        await using var env = await RelayOverFake.StartAsync(settings: settings, builtInScenarios: true);
        return await ScenarioRun.ExecuteAsync(env, scenario);
    }
}
