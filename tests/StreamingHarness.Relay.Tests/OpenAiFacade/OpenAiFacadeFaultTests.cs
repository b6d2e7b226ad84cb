extern alias fake;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Network;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.OpenAiFacade;

/// <summary>
/// OpenAI's failure modes as Ollama's, through the facade: an error answer is <c>{"error":"..."}</c> with a status, an
/// error in the stream or a stream cut short is an error line and never <c>done:true</c>, and a client that leaves
/// cancels the upstream request.
/// </summary>
public sealed class OpenAiFacadeFaultTests
{
    private static readonly Dictionary<string, string?> NoRetries = new() { ["Relay:Retry:MaxRetries"] = "0" };

    [Fact]
    public async Task SilentTruncation_IsAnErrorLineAfterTheTokens_NeverDone()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        var lines = await ChatLinesAsync(env.Client, "silent-truncation");

        lines.Count.ShouldBe(4);
        lines.Take(3).Select(Content).ShouldBe(["The", " quick", " brown"]);
        lines[3].ShouldBe("""{"error":"the upstream ended the stream after 4 events without data: [DONE] or a finish_reason"}""");
        lines.ShouldNotContain(l => l.Contains("\"done\":true"));
    }

    [Fact]
    public async Task Disconnect_IsAnErrorLineAfterTheTokens()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        var lines = await ChatLinesAsync(env.Client, "disconnect");

        lines.Take(3).Select(Content).ShouldBe(["The", " quick", " brown"]);
        lines[^1].ShouldBe("""{"error":"the upstream connection broke"}""");
        lines.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData("http-500", 502, """{"error":"upstream answered 500: timed out waiting for llama runner to start - progress 0.00 - "}""")]
    [InlineData("nope", 404, """{"error":"upstream answered 404: model 'nope' not found"}""")]
    public async Task ErrorAnswer_IsOllamasErrorBodyWithAStatus(string model, int status, string body)
    {
        await using var env = await RelayOverFake.StartAsync(settings: NoRetries, builtInScenarios: true, openAiUpstream: true);

        using var response = await RelayHttp.PostAsync(env.Client, "/api/chat", ChatBody(model));

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        (await RelayHttp.ReadTextAsync(response)).ShouldBe(body);
    }

    [Fact]
    public async Task RateLimited429_Is429WithRetryAfter()
    {
        await using var env = await RelayOverFake.StartAsync(settings: NoRetries, builtInScenarios: true, openAiUpstream: true);

        using var response = await RelayHttp.PostAsync(env.Client, "/api/generate", """{"model":"rate-limited-429","prompt":"go"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
        (await RelayHttp.ReadTextAsync(response)).ShouldStartWith("""{"error":"upstream answered 429: """);
    }

    [Fact]
    public async Task StreamFalse_ATruncatedStreamIsAnErrorStatus_NotAnAnswer()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/api/chat", """{"model":"silent-truncation","stream":false,"messages":[{"role":"user","content":"go"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await RelayHttp.ReadTextAsync(response))
            .ShouldBe("""{"error":"the upstream ended the stream after 4 events without data: [DONE] or a finish_reason"}""");
    }

    [Fact]
    public async Task ClientLeavesMidStream_TheUpstreamRequestIsCancelled()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("held", "one two three four five", t => t.PauseAfterTokens = 2)], kestrel: true, openAiUpstream: true);
        var response = await RelayHttp.PostAsync(env.Client, "/api/chat", ChatBody("held"));
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)))
        {
            Content((await reader.ReadLineAsync(TestContext.Current.CancellationToken))!).ShouldBe("one");
            Content((await reader.ReadLineAsync(TestContext.Current.CancellationToken))!).ShouldBe(" two");
        }

        response.Dispose();

        var upstream = await env.FinishedUpstreamAsync("/v1/chat/completions");
        upstream.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        upstream.TokensDelivered.ShouldBe(2);
    }

    [Fact]
    public async Task InStreamErrorPayload_IsAnErrorLine_AndTheApiKeyIsSentAsBearer()
    {
        string? authorization = null;
        await using var upstream = await KestrelStub.StartAsync(async context =>
        {
            authorization = context.Request.Headers.Authorization;
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(
                """data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""" + "\n\n"
                + """data: {"error":{"message":"the model crashed","type":"api_error"}}""" + "\n\n");
        });
        await using var relay = new RelayFactory(
            new Uri(upstream.BaseAddress, "v1/"),
            new Dictionary<string, string?> { ["Relay:Upstream:Protocol"] = "openai", ["Relay:Upstream:ApiKey"] = "sk-test-123" });
        using var client = relay.CreateClient();

        var lines = await ChatLinesAsync(client, "gpt-test");

        lines.Count.ShouldBe(2);
        lines[0].ShouldStartWith("""{"model":"gpt-test","created_at":""");
        lines[0].ShouldEndWith(""","message":{"role":"assistant","content":"Hi"},"done":false}""");
        lines[1].ShouldBe("""{"error":"the model crashed"}""");
        authorization.ShouldBe("Bearer sk-test-123");
    }

    private static string ChatBody(string model) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"go"}]}""";

    private static async Task<List<string>> ChatLinesAsync(HttpClient client, string model)
    {
        using var response = await RelayHttp.PostAsync(client, "/api/chat", ChatBody(model));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var text = await RelayHttp.ReadTextAsync(response);
        text.ShouldEndWith("\n");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string Content(string line)
    {
        using var json = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetBytes(line));
        return json.RootElement.GetProperty("message").GetProperty("content").GetString()!;
    }
}
