using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Telemetry;

/// <summary>One trace joins the client, the relay's stream and the fake: the relay passes the trace on in <c>traceparent</c>.</summary>
public sealed class TracingTests
{
    private const string ClientSpanId = "b7ad6b7169203331";

    [Fact]
    public async Task StreamChat_ClientTraceparent_ReachesTheFakesJournalWithTheSameTraceId()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var streams = new StreamActivities(traceId);
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", "one two")]);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/stream/chat", ScenarioRun.Body("fixed"), request => request.Headers.Add("traceparent", TraceParent(traceId)));
        (await RelayHttp.ReadEventsAsync(response))[^1].Type.ShouldBe("done");
        var upstream = await env.FinishedUpstreamAsync();
        using var fakeClient = new HttpClient { BaseAddress = env.Fake.BaseAddress };
        var journal = JsonDocument.Parse(await RelayHttp.GetStringAsync(fakeClient, "/__fake/journal"));

        upstream.TraceParent.ShouldNotBeNull();
        var parts = upstream.TraceParent.Split('-');
        (parts[0], parts[1], parts[3]).ShouldBe(("00", traceId, "01"));
        parts[2].ShouldNotBe(ClientSpanId, "the upstream call is a span of the relay, not the client's");
        journal.RootElement.EnumerateArray().Single(e => e.GetProperty("path").GetString() == "/api/chat")
            .GetProperty("traceparent").GetString().ShouldBe(upstream.TraceParent);
        var stream = await streams.SingleAsync();
        stream.Events.Select(e => e.Name).ShouldBe([RelayTracing.FirstTokenEvent, "done"]);
        stream.GetTagItem("relay.outcome").ShouldBe("done");
        stream.GetTagItem("gen_ai.request.model").ShouldBe("fixed");
    }

    [Fact]
    public async Task StreamChat_UpstreamUnreachable_StreamActivityEndsWithTheErrorCode()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var streams = new StreamActivities(traceId);
        var noRetries = new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "0" };
        await using var relay = new RelayFactory(FreePort.ClosedAddress(), noRetries);

        using var response = await RelayHttp.PostAsync(
            relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody, request => request.Headers.Add("traceparent", TraceParent(traceId)));

        var stream = await streams.SingleAsync();
        stream.Events.Select(e => e.Name).ShouldBe(["upstream_unavailable"]);
        stream.Status.ShouldBe(ActivityStatusCode.Error);
    }

    [Fact]
    public async Task OtlpEndpointSet_TracesAndMetricsReachTheCollectorOverHttp()
    {
        await using var collector = await ScriptedUpstream.StartAsync();
        var relay = new RelayFactory(FreePort.ClosedAddress(), new Dictionary<string, string?>
        {
            ["Relay:Retry:MaxRetries"] = "0",
            ["Relay:Telemetry:OtlpEndpoint"] = collector.BaseAddress.AbsoluteUri,
            ["Relay:Telemetry:OtlpProtocol"] = "HttpProtobuf",
        });
        using (var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody))
        {
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadGateway);
        }

        // Stopping the relay flushes both exporters (no waiting for their export intervals); the collector then reads the bodies.
        await relay.DisposeAsync();
        await Eventually.WaitUntilAsync(() => collector.Requests.Count >= 2, "the collector has both signals");

        collector.Requests.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal).ShouldBe(["/v1/metrics", "/v1/traces"]);
    }

    private static string TraceParent(string traceId) => $"00-{traceId}-{ClientSpanId}-01";

    /// <summary>The relay's stream activities of one trace (tests run in parallel; each has its own trace id).</summary>
    private sealed class StreamActivities : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _stopped = new();

        public StreamActivities(string traceId)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == RelayTracing.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId.ToHexString() == traceId && activity.OperationName == RelayTracing.StreamActivityName)
                    {
                        _stopped.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public async Task<Activity> SingleAsync()
        {
            await Eventually.WaitUntilAsync(() => !_stopped.IsEmpty, "a stream activity of this trace stopped");
            return _stopped.ShouldHaveSingleItem();
        }

        public void Dispose() => _listener.Dispose();
    }
}
