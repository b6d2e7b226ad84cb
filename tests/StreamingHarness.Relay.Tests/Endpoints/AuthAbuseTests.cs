using System.Net;
using Shouldly;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>Key guessing is limited per client address; the operational endpoints that cost something need a key.</summary>
public sealed class AuthAbuseTests
{
    private const string Key = "test-key-0123456789";

    [Fact]
    public async Task StreamChat_WrongKeysPastMaxFailures_Are429WithRetryAfter_EvenForTheRightKey()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress(), new Dictionary<string, string?>
        {
            ["Relay:Auth:ApiKeys:0"] = Key,
            ["Relay:Auth:MaxFailures"] = "3",
            ["Relay:Auth:FailureWindow"] = "00:10:00",
        });
        using var client = relay.CreateClient();
        using var failures = TestMetrics.Collect<long>(relay, FailedAuthLimiter.FailuresInstrument);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await PostAsync(client, $"wrong-key-{i}-0123456789");
            statuses.Add(wrong.StatusCode);
        }

        using var right = await PostAsync(client, Key);

        statuses.ShouldBe(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(right.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 600);
        (await right.ShouldBeProblemAsync("rate_limited", retryable: true)).GetProperty("detail").GetString()
            .ShouldBe("too many wrong API keys from this address; try again after Retry-After");
        failures.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!)
            .ShouldBe(["rejected", "rejected", "rejected", "limited", "limited"]);
    }

    [Fact]
    public async Task StreamChat_RightKeyAfterAFewWrongOnes_StillServed()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", "ok")],
            new Dictionary<string, string?> { ["Relay:Auth:ApiKeys:0"] = Key, ["Relay:Auth:MaxFailures"] = "3" });

        using var wrong = await PostAsync(env.Client, "wrong-key-0123456789", ScenarioRun.Body("fixed"));
        using var right = await PostAsync(env.Client, Key, ScenarioRun.Body("fixed"));

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stats_KeysOn_NeedAKey_WhileProbesAndMetricsStayAnonymous()
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Auth:ApiKeys:0"] = Key });
        using var client = relay.CreateClient();

        using var anonymousStats = await RelayHttp.GetAsync(client, "/__stats?gc=true");
        using var keyedStats = await SendAsync(client, "/__stats", Key);
        using var health = await RelayHttp.GetAsync(client, "/healthz");
        using var ready = await RelayHttp.GetAsync(client, "/readyz");
        using var metrics = await RelayHttp.GetAsync(client, "/metrics");

        anonymousStats.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        keyedStats.StatusCode.ShouldBe(HttpStatusCode.OK);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "anonymous, and the upstream is down");
        metrics.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Metrics_MetricsRequireKey_NeedsAKey()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress(), new Dictionary<string, string?>
        {
            ["Relay:Auth:ApiKeys:0"] = Key,
            ["Relay:Auth:MetricsRequireKey"] = "true",
        });
        using var client = relay.CreateClient();

        using var anonymous = await RelayHttp.GetAsync(client, "/metrics");
        using var keyed = await SendAsync(client, "/metrics", Key);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        keyed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stats_KeysOff_Anonymous()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();

        using var stats = await RelayHttp.GetAsync(client, "/__stats");

        stats.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string body = RelayHttp.ChatBody) =>
        RelayHttp.PostAsync(client, "/stream/chat", body, request => request.Headers.Authorization = new("Bearer", key));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiKeyDefaults.HeaderName, key);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
