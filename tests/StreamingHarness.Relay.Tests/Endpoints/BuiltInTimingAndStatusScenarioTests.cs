extern alias fake;
using System.Net;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// The built-in fault scenarios about time and status (stalls, slow tokens, error statuses, retries, holds), driven
/// through <c>POST /stream/chat</c>. The stream-content faults are in <see cref="BuiltInFaultScenarioTests"/>.
/// </summary>
public sealed class BuiltInTimingAndStatusScenarioTests
{
    private const string Sentence = "The quick brown fox jumps over the lazy dog while the stream keeps going.";

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
        var clock = new TestClock();
        var run = await ScenarioRun.RunBuiltInAsync(
            "stall", new() { ["Relay:Upstream:IdleTimeout"] = "00:00:01" }, clock, AdvanceAtToken(clock, 3, TimeSpan.FromSeconds(1)));

        run.Types.ShouldBe(["start", "token", "token", "token", "error"]);
        run.Error.ShouldBe(("idle_timeout", "the upstream sent nothing for 1 s"));
        run.Upstream.Single().Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task SlowTokens_OverTheIdleTimeoutIsIdleTimeout()
    {
        var clock = new TestClock();
        var run = await ScenarioRun.RunBuiltInAsync(
            "slow-tokens", new() { ["Relay:Upstream:IdleTimeout"] = "00:00:00.3" }, clock,
            AdvanceAtToken(clock, 1, TimeSpan.FromSeconds(0.3)));

        run.Types.ShouldBe(["start", "token", "error"]);
        run.Error.ShouldBe(("idle_timeout", "the upstream sent nothing for 0.3 s"));
        run.Upstream.Single().Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task SlowFirstToken_OverTheFirstTokenTimeoutIs504()
    {
        var clock = new TestClock();
        await using var env = await StartAsync(clock, new() { ["Relay:Upstream:FirstTokenTimeout"] = "00:00:01" });

        var running = ScenarioRun.ExecuteAsync(env, "slow-first-token");
        await UpstreamRequestsAsync(env, 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        var run = await running;

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
        run.Problem.GetProperty("detail")
            .GetString()!.ShouldStartWith("upstream answered 500: timed out waiting for llama runner to start");
        run.Upstream.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Overloaded503_RetriedThen503()
    {
        var run = await RunAsync("overloaded-503");

        run.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        run.Problem.GetProperty("detail").GetString()
            .ShouldBe("upstream answered 503: server busy, please try again.  maximum pending requests exceeded");
        run.Upstream.Count.ShouldBe(3);
    }

    [Fact]
    public async Task RateLimited429_RetryAfterHonouredThen429WithRetryAfter()
    {
        var clock = new TestClock();
        await using var env = await StartAsync(clock, new() { ["Relay:Retry:MaxRetries"] = "1" });

        var running = ScenarioRun.ExecuteAsync(env, "rate-limited-429");
        await UpstreamRequestsAsync(env, 1);
        // The stream's one deadline timer (total and first token) and the Retry-After wait.
        await Eventually.WaitAsync(() => clock.PendingTimers, n => n == 2, "the relay waits out Retry-After");
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(1, "Retry-After: 2 is not over yet");
        clock.Advance(TimeSpan.FromTicks(1));
        var run = await running;

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

    private static Task<ScenarioRun> RunAsync(string scenario, Dictionary<string, string?>? settings = null) =>
        ScenarioRun.RunBuiltInAsync(scenario, settings);

    private static Task<RelayOverFake> StartAsync(TestClock clock, Dictionary<string, string?> settings) =>
        RelayOverFake.StartAsync(settings: settings, builtInScenarios: true, services: RelayFactory.Clock(clock));

    /// <summary>
    /// Moves the relay's clock once the client has token <paramref name="token"/> (the relay's idle clock restarted before).
    /// </summary>
    private static Action<SseEvent, int> AdvanceAtToken(TestClock clock, int token, TimeSpan by) => (e, tokens) =>
    {
        if (e.Type == "token" && tokens == token)
        {
            clock.Advance(by);
        }
    };

    /// <summary>The fake journals each request as it arrives; by then the relay has armed that attempt's deadlines.</summary>
    private static Task UpstreamRequestsAsync(RelayOverFake env, int count) =>
        Eventually.WaitUntilAsync(
            () => env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat") == count, $"{count} upstream request(s)");
}
