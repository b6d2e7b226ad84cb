using System.Net;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>Clients get an error code and a request id; the upstream's address and socket errors stay in the log.</summary>
public sealed class UpstreamDetailTests
{
    [Fact]
    public async Task StreamChat_UpstreamUnreachable_502WithoutAddressOrSocketError()
    {
        var upstream = FreePort.ClosedAddress();
        await using var relay = new RelayFactory(upstream, new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "0" });

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);
        var body = await RelayHttp.ReadTextAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        body.ShouldNotContain(upstream.Authority);
        body.ShouldNotContain("refused", Case.Insensitive);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("upstream_unavailable");
        problem.GetProperty("detail").GetString().ShouldBe("the upstream could not be reached");
        problem.GetProperty("requestId").GetString().ShouldBe(response.Headers.GetValues("X-Request-Id").Single());
    }

    [Theory]
    [InlineData("/api/tags")]
    [InlineData("/api/chat")]
    public async Task Api_UpstreamUnreachable_OllamaErrorWithoutAddress_AndARequestId(string path)
    {
        var upstream = FreePort.ClosedAddress();
        await using var relay = new RelayFactory(upstream, new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "0" });
        using var client = relay.CreateClient();

        using var response = path == "/api/tags"
            ? await RelayHttp.GetAsync(client, path)
            : await RelayHttp.PostAsync(client, path, RelayHttp.ChatBody);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await RelayHttp.ReadTextAsync(response)).ShouldBe("""{"error":"the upstream could not be reached"}""");
        response.Headers.GetValues("X-Request-Id").Single().Length.ShouldBe(32);
    }

    [Fact]
    public async Task Readyz_UpstreamDown_503WithoutAddress()
    {
        var upstream = FreePort.ClosedAddress();
        await using var relay = new RelayFactory(upstream);

        using var response = await RelayHttp.GetAsync(relay.CreateClient(), "/readyz");
        var body = await RelayHttp.ReadTextAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.ShouldNotContain(upstream.Authority);
        body.ShouldContain("the upstream is not answering; the relay's log has the detail");
    }
}
