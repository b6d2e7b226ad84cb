using System.Net;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>Paths under /api that Ollama's router does not serve get gin's plain-text answers, not ProblemDetails.</summary>
public sealed class OllamaRouterFallbackTests
{
    [Theory]
    [InlineData("GET", "/API/tags")]
    [InlineData("GET", "/api/Tags")]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("POST", "/API/chat")]
    public async Task Send_UnknownOrMiscasedApiPath_Is404PageNotFound(string method, string path)
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();

        using var response = await client.SendAsync(
            new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain");
        (await RelayHttp.ReadTextAsync(response)).ShouldBe("404 page not found");
    }

    [Fact]
    public async Task Get_ChatWithTheWrongMethod_Is405MethodNotAllowed()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();

        using var response = await RelayHttp.GetAsync(client, "/api/chat");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await RelayHttp.ReadTextAsync(response)).ShouldBe("405 method not allowed");
    }
}
