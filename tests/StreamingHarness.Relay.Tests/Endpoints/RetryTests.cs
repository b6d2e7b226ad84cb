using System.Net;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Network;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>Retries happen before the first token only, for retryable answers only, bounded, honouring Retry-After.</summary>
public sealed class RetryTests
{
    private const string Token =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"Hi"},"done":false}""" + "\n";
    private const string Done =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":"""
        + """true,"done_reason":"stop","eval_count":1}""" + "\n";

    [Fact]
    public async Task StreamChat_BusyTwiceThenOk_RetriesAndStreams()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenStatus(503, "server busy, please try again.  maximum pending requests exceeded")
            .ThenStatus(500, "timed out waiting for llama runner to start")
            .ThenLines(Token, Done);
        await using var relay = new RelayFactory(
            upstream.BaseAddress, new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "2" });

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);
        var events = await RelayHttp.ReadEventsAsync(response);

        events.Select(e => e.Type).ShouldBe(["start", "token", "done"]);
        upstream.Requests.Count.ShouldBe(3);
        upstream.Requests.Select(r => r.Body).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task StreamChat_AlwaysBusy_GivesUpAfterMaxRetriesWith503()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            upstream.ThenStatus(503, "server busy", retryAfter: "1");
        }

        var clock = new TestClock();
        await using var relay = new RelayFactory(
            upstream.BaseAddress, new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "2" }, RelayFactory.Clock(clock));

        var answer = RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await RetryDelayArmedAsync(upstream, clock, attempt);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var response = await answer;

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        var problem = await RelayHttp.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("upstream_error");
        problem.GetProperty("retryable").GetBoolean().ShouldBeTrue();
        upstream.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task StreamChat_429WithShortRetryAfter_IsWaitedOutAndRetried()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenStatus(429, "slow down", retryAfter: "1").ThenLines(Token, Done);
        var clock = new TestClock();
        await using var relay = new RelayFactory(upstream.BaseAddress, services: RelayFactory.Clock(clock));

        var answer = RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);
        await RetryDelayArmedAsync(upstream, clock, 1);
        clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        upstream.Requests.Count.ShouldBe(1, "Retry-After: 1 is not over yet");
        clock.Advance(TimeSpan.FromTicks(1));
        using var response = await answer;
        var events = await RelayHttp.ReadEventsAsync(response);

        events[^1].Type.ShouldBe("done");
        upstream.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task StreamChat_429WithRetryAfterBeyondTheLimit_IsPassedToTheClient()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenStatus(429, "slow down", retryAfter: "120");
        await using var relay = new RelayFactory(upstream.BaseAddress);

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(120));
        (await RelayHttp.ReadJsonAsync(response)).GetProperty("detail").GetString().ShouldBe("upstream answered 429: slow down");
        upstream.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StreamChat_ClientError_IsNotRetried()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenStatus(400, "invalid think value");
        await using var relay = new RelayFactory(upstream.BaseAddress);

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        upstream.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StreamChat_FailureAfterAToken_IsNeverRetried()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        var tokenSeen = new TaskCompletionSource();
        upstream.ThenLines(tokenSeen.Task, Token).ThenLines(Token, Done);
        await using var relay = new RelayFactory(
            upstream.BaseAddress, new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "3" });

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);
        var events = await RelayHttp.ReadEventsAsync(response, (_, tokens) =>
        {
            if (tokens == 1)
            {
                tokenSeen.TrySetResult();
            }
        });

        events.Select(e => e.Type).ShouldBe(["start", "token", "error"]);
        JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("code").GetString().ShouldBe("upstream_disconnected");
        upstream.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StreamChat_UpstreamUnreachable_Is502AfterBoundedAttempts()
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "1" });

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var problem = await RelayHttp.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("upstream_unavailable");
        problem.GetProperty("detail").GetString().ShouldBe("the upstream could not be reached");
    }

    [Fact]
    public async Task StreamChat_ConnectNeverCompletes_IsUpstreamUnavailableAfterTheConnectTimeout()
    {
        // A listener that never accepts, with its accept queue full: the kernel drops further SYNs, so connecting hangs.
        using var listener = new System.Net.Sockets.Socket(
            System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<System.Net.Sockets.Socket>();
        for (var i = 0; i < 3; i++)
        {
            var filler = new System.Net.Sockets.Socket(
                System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            _ = filler.ConnectAsync(endpoint, TestContext.Current.CancellationToken).AsTask();
            fillers.Add(filler);
        }

        await using var relay = new RelayFactory(new Uri($"http://127.0.0.1:{endpoint.Port}/"), new Dictionary<string, string?>
        {
            ["Relay:Upstream:ConnectTimeout"] = "00:00:00.2",
            ["Relay:Retry:MaxRetries"] = "1",
        });

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var problem = await RelayHttp.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("upstream_unavailable");
        problem.GetProperty("detail").GetString().ShouldBe("the upstream could not be reached");
        fillers.ForEach(f => f.Dispose());
    }

    /// <summary>
    /// After <paramref name="requests"/> upstream answers, the relay sits in the retry delay on <paramref name="clock"/>.
    /// </summary>
    private static async Task RetryDelayArmedAsync(ScriptedUpstream upstream, TestClock clock, int requests)
    {
        await Eventually.WaitUntilAsync(() => upstream.Requests.Count == requests, $"the upstream has {requests} request(s)");
        // The stream's one deadline timer (total and first token) and the retry delay.
        await Eventually.WaitAsync(() => clock.PendingTimers, n => n == 2, "the retry delay is armed");
    }
}
