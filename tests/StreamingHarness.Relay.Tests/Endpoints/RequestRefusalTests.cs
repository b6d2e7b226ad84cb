using System.Net;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>Refusals that happen before the relay talks to any upstream: 400, 401, 413, 429.</summary>
public sealed class RequestRefusalTests
{
    private const string Key = "test-key-0123456789";

    [Fact]
    public async Task StreamChat_InvalidBody_Is400ListingEveryFieldError()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();

        using var response = await RelayHttp.PostAsync(client, "/stream/chat", """{"messages":[{"role":"robot"}],"temperature":9}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ShouldBeProblemAsync("invalid_request", retryable: false);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["messages[0].role", "model", "temperature"]);
        problem.GetProperty("errors").GetProperty("model")[0].GetString().ShouldBe("is required");
    }

    [Fact]
    public async Task StreamGenerate_BodyOverLimit_Is413()
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Requests:MaxBodyBytes"] = "1024" });
        using var client = relay.CreateClient();

        using var response = await RelayHttp.PostAsync(
            client, "/stream/generate", $$"""{"model":"m","prompt":"{{new string('x', 2000)}}"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.ShouldBeProblemAsync("request_too_large", retryable: false)).GetProperty("detail").GetString()
            .ShouldBe("The body is larger than 1024 bytes (Relay:Requests:MaxBodyBytes).");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Bearer wrong-key-0123456789", null)]
    [InlineData(null, "wrong-key-0123456789")]
    public async Task StreamChat_WithoutAValidKey_Is401(string? authorization, string? apiKey)
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Auth:ApiKeys:0"] = Key });
        using var client = relay.CreateClient();

        using var response = await RelayHttp.PostAsync(
            client, "/stream/chat", RelayHttp.ChatBody, request => AddKey(request, authorization, apiKey));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        await response.ShouldBeProblemAsync("unauthorized", retryable: false);
    }

    [Theory]
    [InlineData("Bearer " + Key, null)]
    [InlineData(null, Key)]
    public async Task StreamChat_WithAValidKey_PassesAuth(string? authorization, string? apiKey)
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Auth:ApiKeys:0"] = Key });
        using var client = relay.CreateClient();

        // An invalid body: a 400 proves the request got past authentication without needing an upstream.
        using var response = await RelayHttp.PostAsync(client, "/stream/chat", "{}", request => AddKey(request, authorization, apiKey));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ApiChat_WithoutKey_Is401InOllamaShape()
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Auth:ApiKeys:0"] = Key });
        using var client = relay.CreateClient();

        using var response = await RelayHttp.PostAsync(client, "/api/chat", RelayHttp.ChatBody);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        (await RelayHttp.ReadJsonAsync(response)).GetProperty("error").GetString()
            .ShouldBe("An API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
    }

    [Fact]
    public async Task StreamChat_OverTheRequestBudget_Is429WithRetryAfter()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress(), new Dictionary<string, string?>
        {
            ["Relay:RateLimits:BurstRequests"] = "1",
            ["Relay:RateLimits:RequestsPerPeriod"] = "1",
            ["Relay:RateLimits:ReplenishPeriod"] = "00:01:00",
        });
        using var client = relay.CreateClient();

        using var first = await RelayHttp.PostAsync(client, "/stream/chat", "{}");
        using var second = await RelayHttp.PostAsync(client, "/stream/chat", "{}");

        first.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        second.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        await second.ShouldBeProblemAsync("rate_limited", retryable: true);
    }

    [Fact]
    public async Task StreamChat_UpstreamUnreachable_Is502ProblemWithTheStreamsRequestId()
    {
        var noRetries = new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "0" };
        await using var relay = new RelayFactory(FreePort.ClosedAddress(), noRetries);
        using var client = relay.CreateClient();

        using var response = await RelayHttp.PostAsync(client, "/stream/chat", RelayHttp.ChatBody);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        await response.ShouldBeProblemAsync("upstream_unavailable", retryable: true);
    }

    [Fact]
    public async Task StreamChat_RequestBudget_IsPerApiKey()
    {
        const string Other = "other-key-0123456789";
        await using var relay = new RelayFactory(FreePort.ClosedAddress(), new Dictionary<string, string?>
        {
            ["Relay:Auth:ApiKeys:0"] = Key,
            ["Relay:Auth:ApiKeys:1"] = Other,
            ["Relay:RateLimits:BurstRequests"] = "1",
            ["Relay:RateLimits:RequestsPerPeriod"] = "1",
        });
        using var client = relay.CreateClient();

        using var first = await RelayHttp.PostAsync(client, "/stream/chat", "{}", r => AddKey(r, null, Key));
        using var again = await RelayHttp.PostAsync(client, "/stream/chat", "{}", r => AddKey(r, null, Key));
        using var other = await RelayHttp.PostAsync(client, "/stream/chat", "{}", r => AddKey(r, "Bearer " + Other, null));

        first.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        again.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        other.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static void AddKey(HttpRequestMessage request, string? authorization, string? apiKey)
    {
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }
    }
}
