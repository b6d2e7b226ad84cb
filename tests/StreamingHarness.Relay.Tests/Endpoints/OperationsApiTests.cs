using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Endpoints;

public sealed class OperationsApiTests
{
    private const string Token =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"Hi"},"done":false}""" + "\n";
    private const string Done =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":"""
            + """true,"done_reason":"stop","eval_count":1}""" + "\n";

    [Fact]
    public async Task Healthz_UpstreamDown_StillAlive_ButReadyzIs503()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();

        using var health = await RelayHttp.GetAsync(client, "/healthz");
        using var ready = await RelayHttp.GetAsync(client, "/readyz");

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var problem = await ready.ShouldBeProblemAsync("upstream_unavailable", retryable: true);
        problem.GetProperty("title").GetString().ShouldBe("Upstream not ready");
    }

    [Fact]
    public async Task Readyz_UpstreamAnswering_Is200()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", "ok")]);

        using var ready = await RelayHttp.GetAsync(env.Client, "/readyz");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RelayHttp.ReadTextAsync(ready)).ShouldBe("ready\n");
    }

    [Fact]
    public async Task Root_AnswersLikeOllama()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), TestContext.Current.CancellationToken);
        var text = await RelayHttp.GetStringAsync(client, "/");

        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldBe("Ollama is running");
    }

    [Fact]
    public async Task Stats_ReportsProcessFiguresAndNoActiveStream()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();

        var stats = JsonDocument.Parse(await RelayHttp.GetStringAsync(client, "/__stats?gc=true")).RootElement;

        stats.GetProperty("active_streams").GetInt64().ShouldBe(0);
        stats.GetProperty("working_set_bytes").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Metrics_AfterAnUnreachableUpstream_CountAttemptsRetriesAndTheTerminalCode()
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "2" });
        using var client = relay.CreateClient();
        using var attempts = TestMetrics.Collect<long>(relay, "relay.upstream.attempts");
        using var retries = TestMetrics.Collect<long>(relay, "relay.upstream.retries");
        using var ended = TestMetrics.Collect<long>(relay, "relay.streams.ended");

        using var failed = await RelayHttp.PostAsync(client, "/stream/chat", RelayHttp.ChatBody);
        await ended.WaitForMeasurementsAsync(1, Eventually.DefaultDeadline);

        attempts.GetMeasurementSnapshot().EvaluateAsCounter().ShouldBe(3);
        retries.GetMeasurementSnapshot().EvaluateAsCounter().ShouldBe(2);
        ended.LastMeasurement!.Tags["code"].ShouldBe("upstream_unavailable");
    }

    [Fact]
    public async Task Metrics_Scrape_HasTodaysNamesAndTheStandardHttpMetrics()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenStatus(503, "server busy").ThenLines(Token, "{not json\n", Done);
        await using var relay = new RelayFactory(
            upstream.BaseAddress, new Dictionary<string, string?> { ["Relay:Upstream:SkipMalformedLines"] = "true" });
        using var client = relay.CreateClient();
        using var ended = TestMetrics.Collect<long>(relay, "relay.streams.ended");

        using var response = await RelayHttp.PostAsync(client, "/stream/chat", RelayHttp.ChatBody);
        (await RelayHttp.ReadEventsAsync(response))[^1].Type.ShouldBe("done");
        await ended.WaitForMeasurementsAsync(1, Eventually.DefaultDeadline);
        using var scrape = await RelayHttp.GetAsync(client, "/metrics");
        var text = await RelayHttp.ReadTextAsync(scrape);

        scrape.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var types = text.Split('\n').Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(line => line[7..]).ToList();
        foreach (var expected in (string[])[
            "relay_streams_active gauge",
            "relay_ttft_milliseconds histogram",
            "relay_tokens_relayed_total counter",
            "relay_streams_ended_total counter",
            "relay_upstream_attempts_total counter",
            "relay_upstream_retries_total counter",
            "relay_upstream_malformed_lines_total counter",
            "http_server_request_duration_seconds histogram",
            "http_client_request_duration_seconds histogram"])
        {
            types.ShouldContain(expected, customMessage: text);
        }

        text.ShouldContain("relay_ttft_milliseconds_bucket{otel_scope_name=\"StreamingHarness.Relay\",le=\"5\"}", customMessage: text);
    }
}
