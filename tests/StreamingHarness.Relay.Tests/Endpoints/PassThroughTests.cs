extern alias fake;
using System.Net;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Clients;
using StreamingHarness.Testing.Network;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>The Ollama-compatible pass-through: Ollama's bytes, plus in-band errors instead of silent truncation.</summary>
public sealed class PassThroughTests
{
    private const string Answer = "one two three four five";

    [Fact]
    public async Task ApiChat_Stream_ForwardsEveryOllamaLine()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)]);

        using var response = await RelayHttp.PostAsync(env.Client, "/api/chat", ScenarioRun.Body("fixed"));
        var lines = await ReadLinesAsync(response);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var upstream = await env.FinishedUpstreamAsync();
        lines.Count.ShouldBe(upstream.LinesWritten);
        string.Concat(lines.Select(l => l.GetProperty("message").GetProperty("content").GetString())).ShouldBe(Answer);
        lines[^1].GetProperty("done").GetBoolean().ShouldBeTrue();
        lines[^1].GetProperty("eval_count").GetInt32().ShouldBe(upstream.TokensDelivered);
    }

    [Theory]
    [InlineData("error-midstream", "model runner has unexpectedly stopped")]
    [InlineData("early-eof", "the upstream ended the stream after")]
    [InlineData("disconnect", "the upstream connection broke")]
    [InlineData("malformed-line", "malformed upstream line")]
    public async Task ApiGenerate_FailureMidStream_EndsWithAnInBandErrorLine(string scenario, string message)
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true);

        using var response = await RelayHttp.PostAsync(env.Client, "/api/generate", $$"""{"model":"{{scenario}}","prompt":"go"}""");
        var lines = await ReadLinesAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        lines.Where(IsDone).ShouldBeEmpty();
        lines[..^1].Where(l => !l.TryGetProperty("response", out _)).ShouldBeEmpty();
        lines[^1].EnumerateObject().Select(p => p.Name).ShouldBe(["error"]);
        lines[^1].GetProperty("error").GetString()!.ShouldContain(message);
        (await env.FinishedUpstreamAsync("/api/generate")).IsFinished.ShouldBeTrue();
    }

    [Fact]
    public async Task ApiChat_NotStreamed_IsCopiedVerbatim()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)]);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/api/chat", """{"model":"fixed","stream":false,"messages":[{"role":"user","content":"x"}]}""");

        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        var body = await RelayHttp.ReadJsonAsync(response);
        body.GetProperty("message").GetProperty("content").GetString().ShouldBe(Answer);
        body.GetProperty("done").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task ApiChat_UpstreamErrors_ArePassedOnWithTheirStatusAndBody()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true);

        using var missing = await RelayHttp.PostAsync(env.Client, "/api/chat", ScenarioRun.Body("nope"));
        using var busy = await RelayHttp.PostAsync(env.Client, "/api/chat", ScenarioRun.Body("overloaded-503"));

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RelayHttp.ReadTextAsync(missing)).ShouldBe("""{"error":"model 'nope' not found"}""");
        busy.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await RelayHttp.ReadTextAsync(busy)).ShouldBe("""{"error":"server busy, please try again.  maximum pending requests exceeded"}""");
        (await Eventually.WaitAsync(
            () => Task.FromResult(env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat" && e.Ending == StreamEnding.Fault)),
            n => n == 3,
            "the 503 was retried twice")).ShouldBe(3);
    }

    [Fact]
    public async Task ApiChat_UpstreamUnreachable_Is502InOllamaShape()
    {
        await using var relay = new RelayFactory(
            FreePort.ClosedAddress(), new Dictionary<string, string?> { ["Relay:Retry:MaxRetries"] = "0" });

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/api/chat", ScenarioRun.Body("fixed"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await RelayHttp.ReadJsonAsync(response)).GetProperty("error")
            .GetString().ShouldBe("the upstream could not be reached");
    }

    [Fact]
    public async Task OfficialOllamaJsClient_ThroughTheRelay_SeesAnswersAndMidStreamErrors()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], kestrel: true, builtInScenarios: true);

        var output = await NodeClients.RunAsync(
            "relay-js-check.mjs", env.Client.BaseAddress!.ToString().TrimEnd('/'), TestContext.Current.CancellationToken);
        var result = JsonDocument.Parse(output).RootElement;

        result.GetProperty("models").EnumerateArray().Select(m => m.GetString()).ShouldContain("fixed:latest");
        result.GetProperty("version").GetString().ShouldBe("0.33.0");
        result.GetProperty("chatText").GetString().ShouldBe(Answer);
        result.GetProperty("chatDone").GetBoolean().ShouldBeTrue();
        result.GetProperty("generate").GetString().ShouldBe(Answer);
        result.GetProperty("midStream").GetProperty("error").GetString()
            .ShouldBe(
            "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs "
            + "for details");
        result.GetProperty("midStream").GetProperty("tokens").GetInt32().ShouldBe(3);
        result.GetProperty("missing").GetProperty("status").GetInt32().ShouldBe(404);
        result.GetProperty("missing").GetProperty("message").GetString().ShouldBe("model 'missing' not found");
    }

    private static bool IsDone(JsonElement line) => line.TryGetProperty("done", out var done) && done.GetBoolean();

    private static async Task<List<JsonElement>> ReadLinesAsync(HttpResponseMessage response)
    {
        var text = await RelayHttp.ReadTextAsync(response);
        text.ShouldEndWith("\n");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }
}
