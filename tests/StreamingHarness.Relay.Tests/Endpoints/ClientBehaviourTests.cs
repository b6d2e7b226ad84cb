extern alias fake;
using System.Net;
using fake::StreamingHarness.FakeOllama.Scenarios;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// What the client does to a stream: leave (before or after the first token), stop reading, hold many streams.
/// The relay runs on a real socket here: disconnects and backpressure are socket behaviour.
/// </summary>
public sealed class ClientBehaviourTests
{
    private const string Answer = "one two three four five six seven eight";

    [Fact]
    public async Task ClientLeavesBeforeFirstToken_UpstreamIsCancelledAtOnce()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("slow", Answer, t => t.FirstTokenMs = 600_000)], kestrel: true);
        using var ended = TestMetrics.Collect<long>(env.Relay, "relay.streams.ended");
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(
            HttpMethod.Post, "/stream/chat") { Content = new StringContent(ScenarioRun.Body("slow")) };

        var sending = env.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        await Eventually.WaitAsync(
            () => Task.FromResult(env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat")), n => n == 1, "the upstream request is open");
        await leave.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(sending);
        var upstream = await env.FinishedUpstreamAsync();
        upstream.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        upstream.TokensDelivered.ShouldBe(0);
        await EndedShouldBeAsync(ended, "client_disconnected");
    }

    [Fact]
    public async Task ClientLeavesMidStream_UpstreamIsCancelled()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("held", Answer, t => t.PauseAfterTokens = 2)], kestrel: true);
        var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("held"));
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var tokens = 0;
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream)
            .EnumerateAsync(TestContext.Current.CancellationToken))
        {
            if (item.EventType == "token" && ++tokens == 2)
            {
                break;
            }
        }

        response.Dispose();

        var upstream = await env.FinishedUpstreamAsync();
        upstream.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        upstream.TokensDelivered.ShouldBe(2);
    }

    [Fact]
    public async Task ClientStopsReading_StreamEndsClientTooSlowAndUpstreamIsReleased()
    {
        var flood = new Scenario { Name = "flood", Tokens = 1_000_000, Seed = 1 };
        await using var env = await RelayOverFake.StartAsync(
            [flood],
            new Dictionary<string, string?>
            {
                ["Relay:Streaming:MaxBufferedBytes"] = "65536", ["Relay:Streaming:SlowClientGracePeriod"] = "00:00:00",
            },
            kestrel: true);
        using var ended = TestMetrics.Collect<long>(env.Relay, "relay.streams.ended");

        // A raw socket that sends the request and never reads a byte, not even the headers: an HttpClient would read
        // them, and racing that read against the relay's reset made the test depend on scheduling.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(env.Client.BaseAddress!.Host, env.Client.BaseAddress.Port, TestContext.Current.CancellationToken);
        var body = ScenarioRun.Body("flood");
        var request =
            $"POST /stream/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length:"
            + $" {body.Length}\r\n\r\n{body}";
        await socket.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);

        var upstream = await env.FinishedUpstreamAsync();
        upstream.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        upstream.TokensDelivered.ShouldBeLessThan(1_000_000);
        await EndedShouldBeAsync(ended, "client_too_slow");
    }

    [Fact]
    public async Task TooManyConcurrentStreams_Is429WhileOneIsOpen()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("held", Answer, t => t.PauseAfterTokens = 1)],
            new Dictionary<string, string?> { ["Relay:RateLimits:MaxConcurrentStreams"] = "1" });
        using var first = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("held"));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var second = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("held"));

        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        second.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => env.Fake.PausedStreams == 1, "one stream holds the slot");
        env.Fake.ReleasePausedStreams();
        (await RelayHttp.ReadEventsAsync(first))[^1].Type.ShouldBe("done");
        using var third = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("held"));
        third.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(() => env.Fake.PausedStreams == 1, "one stream holds the slot");
        env.Fake.ReleasePausedStreams();
    }

    private static async Task EndedShouldBeAsync(MetricCollector<long> ended, string code)
    {
        await ended.WaitForMeasurementsAsync(1, Eventually.DefaultDeadline);
        ended.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["code"])).ShouldBe([(1L, (object?)code)]);
    }
}
