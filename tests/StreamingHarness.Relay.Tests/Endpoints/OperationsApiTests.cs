using System.Net;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Endpoints;

public sealed class OperationsApiTests
{
    [Fact]
    public async Task Healthz_UpstreamDown_StillAlive_ButReadyzIs503()
    {
        await using var relay = new RelayFactory(RelayFactory.ClosedPort());
        using var client = relay.CreateClient();

        using var health = await RelayHttp.GetAsync(client, "/healthz");
        using var ready = await RelayHttp.GetAsync(client, "/readyz");

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await RelayHttp.ReadJsonAsync(ready)).GetProperty("title").GetString().ShouldBe("Upstream not ready");
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
        await using var relay = new RelayFactory(RelayFactory.ClosedPort());
        using var client = relay.CreateClient();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), TestContext.Current.CancellationToken);
        var text = await RelayHttp.GetStringAsync(client, "/");

        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldBe("Ollama is running");
    }

    [Fact]
    public async Task Stats_ReportsProcessFiguresAndNoActiveStream()
    {
        await using var relay = new RelayFactory(RelayFactory.ClosedPort());
        using var client = relay.CreateClient();

        var stats = JsonDocument.Parse(await RelayHttp.GetStringAsync(client, "/__stats?gc=true")).RootElement;

        stats.GetProperty("active_streams").GetInt64().ShouldBe(0);
        stats.GetProperty("working_set_bytes").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Metrics_AfterAnUnreachableUpstream_CountAttemptsRetriesAndTheTerminalCode()
    {
        await using var relay = new RelayFactory(RelayFactory.ClosedPort(), new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "2" });
        using var client = relay.CreateClient();
        using var failed = await RelayHttp.PostAsync(client, "/stream/chat", RelayHttp.ChatBody);

        using var response = await RelayHttp.GetAsync(client, "/metrics");
        var text = await Eventually.WaitAsync(
            () => RelayHttp.GetStringAsync(client, "/metrics"), metrics => metrics.Contains("code=\"upstream_unavailable\"", StringComparison.Ordinal));

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        text.ShouldContain("# TYPE relay_upstream_attempts_total counter\nrelay_upstream_attempts_total 3\n", customMessage: text);
        text.ShouldContain("relay_upstream_retries_total 2\n");
        text.ShouldContain("relay_streams_ended_total{code=\"upstream_unavailable\"} 1\n");
        text.ShouldContain("# TYPE relay_streams_active gauge\nrelay_streams_active 0\n");
        text.ShouldContain("# TYPE relay_ttft_milliseconds histogram\n");
        text.ShouldContain("relay_tokens_relayed_total 0\n");
    }
}
