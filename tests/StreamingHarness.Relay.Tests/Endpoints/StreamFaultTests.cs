extern alias fake;
using System.Net;
using System.Text.Json;
using fake::StreamingHarness.FakeOllama.Faults;
using fake::StreamingHarness.FakeOllama.Journal;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// Every way an upstream stream breaks, driven through the relay: the client sees exactly one terminal event and the upstream is let go.
/// </summary>
public sealed class StreamFaultTests
{
    private const string Answer = "one two three four five six seven eight";
    private const string Chat = """{"model":"faulty","messages":[{"role":"user","content":"go"}]}""";

    [Fact]
    public async Task StreamChat_ErrorLineMidStream_EndsWithUpstreamError()
    {
        var (events, upstream) = await RunAsync(TestFaults.ErrorLineAfter(2, "model runner has unexpectedly stopped"));

        events.Select(e => e.Type).ShouldBe(["start", "token", "token", "error"]);
        events[^1].Data.ShouldBe("""{"code":"upstream_error","message":"model runner has unexpectedly stopped","retryable":true}""");
        upstream.Ending.ShouldBe(StreamEnding.Fault);
    }

    [Fact]
    public async Task StreamChat_ConnectionResetMidStream_EndsWithUpstreamDisconnected()
    {
        var tokensSeen = new TaskCompletionSource();
        var (events, upstream) = await RunAsync(TestFaults.AbortAfter(2, tokensSeen.Task), onTokens: tokens =>
        {
            if (tokens == 2)
            {
                tokensSeen.TrySetResult();
            }
        });

        events.Select(e => e.Type).ShouldBe(["start", "token", "token", "error"]);
        Error(events).Code.ShouldBe("upstream_disconnected");
        upstream.Ending.ShouldBe(StreamEnding.Fault);
    }

    [Fact]
    public async Task StreamChat_CleanEndWithoutDone_EndsWithUpstreamProtocol()
    {
        var (events, _) = await RunAsync(TestFaults.EndAfter(3));

        events.Select(e => e.Type).ShouldBe(["start", "token", "token", "token", "error"]);
        Error(events).ShouldBe(("upstream_protocol", "the upstream ended the stream after 3 lines without a done line"));
    }

    [Fact]
    public async Task StreamChat_MalformedLine_EndsWithUpstreamProtocol()
    {
        var (events, _) = await RunAsync(TestFaults.GarbageAfter(1));

        events.Select(e => e.Type).ShouldBe(["start", "token", "error"]);
        Error(events).Code.ShouldBe("upstream_protocol");
    }

    [Fact]
    public async Task StreamChat_MalformedLineWithSkipOption_CompletesWithEveryToken()
    {
        var (events, upstream) = await RunAsync(TestFaults.GarbageAfter(1), new() { ["Relay:Upstream:SkipMalformedLines"] = "true" });

        events[^1].Type.ShouldBe("done");
        string.Concat(
            events.Where(e => e.Type == "token").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("content").GetString()))
            .ShouldBe(Answer);
        upstream.Ending.ShouldBe(StreamEnding.Completed);
    }

    [Fact]
    public async Task StreamChat_StallMidStream_EndsWithIdleTimeoutAndReleasesTheUpstream()
    {
        var clock = new TestClock();
        var (events, upstream) = await RunAsync(
            TestFaults.StallAfter(2), new() { ["Relay:Upstream:IdleTimeout"] = "00:00:30" }, clock, onTokens: tokens =>
            {
                if (tokens == 2)
                {
                    // The idle clock restarted when token 2 came in, before the client saw it.
                    clock.Advance(TimeSpan.FromSeconds(30));
                }
            });

        events.Select(e => e.Type).ShouldBe(["start", "token", "token", "error"]);
        Error(events).ShouldBe(("idle_timeout", "the upstream sent nothing for 30 s"));
        upstream.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        upstream.TokensDelivered.ShouldBe(2);
    }

    [Fact]
    public async Task StreamChat_NoFirstToken_Is504AndReleasesTheUpstream()
    {
        var clock = new TestClock();
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("faulty", Answer, t => t.Faults.Add(TestFaults.StallBeforeHeaders()))],
            new Dictionary<string, string?> { ["Relay:Upstream:FirstTokenTimeout"] = "00:01:00" },
            services: RelayFactory.Clock(clock));

        var answer = RelayHttp.PostAsync(env.Client, "/stream/chat", Chat);
        await UpstreamCalledAsync(env);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var response = await answer;

        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        var problem = await RelayHttp.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("first_token_timeout");
        problem.GetProperty("detail").GetString().ShouldBe("no token from the upstream within 60 s");
        (await env.FinishedUpstreamAsync()).Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task StreamChat_NoFirstTokenWithHeartbeat_PingsThenErrorEvent()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("faulty", Answer, t => t.Faults.Add(TestFaults.StallBeforeHeaders()))],
            new Dictionary<string, string?>
            {
                ["Relay:Upstream:FirstTokenTimeout"] = "00:00:01",
                ["Relay:Streaming:HeartbeatInterval"] = "00:00:00.1",
            });

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", Chat);
        var raw = await RelayHttp.ReadTextAsync(response);
        var events = await SseReader.ReadAllAsync(raw);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        raw.ShouldContain("\n\n: ping\n\n");
        events.Select(e => e.Type).ShouldBe(["start", "error"]);
        Error(events).Code.ShouldBe("first_token_timeout");
        (await env.FinishedUpstreamAsync()).Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task StreamChat_TotalDeadline_EndsWithTotalTimeout()
    {
        var clock = new TestClock();
        var tenSeconds = new Dictionary<string, string?>
        {
            ["Relay:Upstream:TotalTimeout"] = "00:00:10",
            ["Relay:Upstream:FirstTokenTimeout"] = "00:00:10",
            ["Relay:Upstream:IdleTimeout"] = "00:00:10",
        };
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("faulty", Answer, t =>
            {
                t.PauseAfterTokens = 1;
                t.Faults.Add(TestFaults.StallAfter(2));
            })],
            tenSeconds,
            services: RelayFactory.Clock(clock));

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", Chat);
        var events = await RelayHttp.ReadEventsAsync(response, (_, tokens) =>
        {
            if (tokens == 1)
            {
                // Token 2 comes 5 s into the stream, so its idle clock runs to 15 s, past the total deadline at 10 s.
                SpinWait.SpinUntil(() => env.Fake.PausedStreams == 1, Eventually.DefaultDeadline).ShouldBeTrue();
                clock.Advance(TimeSpan.FromSeconds(5));
                env.Fake.ReleasePausedStreams().ShouldBe(1);
            }
            else if (tokens == 2)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
            }
        });

        events.Select(e => e.Type).ShouldBe(["start", "token", "token", "error"]);
        Error(events).ShouldBe(("total_timeout", "the stream did not finish within 10 s"));
        (await env.FinishedUpstreamAsync()).Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    /// <summary>The fake journals a request as it arrives: the relay has armed its deadlines before it sent it.</summary>
    private static Task UpstreamCalledAsync(RelayOverFake env) =>
        Eventually.WaitUntilAsync(() => env.Fake.Journal.Entries.Any(e => e.Path == "/api/chat"), "the upstream has the request");

    private static async Task<(List<SseEvent> Events, JournalEntry Upstream)> RunAsync(
        IStreamFault fault, Dictionary<string, string?>? settings = null, TestClock? clock = null, Action<int>? onTokens = null)
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("faulty", Answer, t => t.Faults.Add(fault))], settings,
            services: clock is null ? null : RelayFactory.Clock(clock));
        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", Chat);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = await RelayHttp.ReadEventsAsync(response, (_, tokens) => onTokens?.Invoke(tokens));
        return (events, await env.FinishedUpstreamAsync());
    }

    private static (string Code, string Message) Error(List<SseEvent> events)
    {
        events.Count(e => e.Type is "done" or "error").ShouldBe(1);
        var error = JsonDocument.Parse(events.Single(e => e.Type == "error").Data).RootElement;
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }
}
