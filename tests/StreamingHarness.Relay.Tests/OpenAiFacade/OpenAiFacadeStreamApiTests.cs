using System.Net;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Clients;

namespace StreamingHarness.Relay.Tests.OpenAiFacade;

/// <summary>
/// With an OpenAI upstream, the relay's own <c>/stream/*</c> SSE API and its operations endpoints behave as with
/// Ollama; what Ollama has and an OpenAI upstream does not (running models, embeddings) is said plainly.
/// </summary>
public sealed class OpenAiFacadeStreamApiTests
{
    [Fact]
    public async Task StreamChat_StartTokensDone_WithTheUpstreamsUsage()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/stream/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"hello"}]}""");
        var events = await RelayHttp.ReadEventsAsync(response);

        events.Select(e => e.Type).ShouldBe(["start", .. Enumerable.Repeat("token", 9), "done"]);
        string.Concat(events.Where(e => e.Type == "token").Select(e => Json(e.Data).GetProperty("content").GetString()))
            .ShouldBe(DotNetClientContract.Answer);
        var done = Json(events[^1].Data);
        done.GetProperty("done_reason").GetString().ShouldBe("stop");
        done.GetProperty("usage").GetRawText().ShouldBe("""{"prompt_tokens":1,"completion_tokens":9}""");
    }

    [Fact]
    public async Task StreamChat_ToolCall_IsOneWholeToolCallEvent()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);
        const string Body = """
            {"model":"llama3.2","messages":[{"role":"user","content":"weather?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}
            """;

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", Body);
        var events = await RelayHttp.ReadEventsAsync(response);

        var call = Json(events.Where(e => e.Type == "tool_call").ShouldHaveSingleItem().Data);
        call.GetProperty("name").GetString().ShouldBe("get_weather");
        call.GetProperty("arguments").GetRawText().ShouldBe("""{"city":"Tokyo"}""");
        events[^1].Type.ShouldBe("done");
    }

    [Theory]
    [InlineData("silent-truncation", "upstream_protocol")]
    [InlineData("disconnect", "upstream_disconnected")]
    public async Task StreamChat_Fault_IsTheErrorEventOfTheSseApi(string model, string code)
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body(model));
        var events = await RelayHttp.ReadEventsAsync(response);

        events.Count(e => e.Type == "token").ShouldBe(3);
        events.Count(e => e.Type is "done" or "error").ShouldBe(1);
        Json(events[^1].Data).GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Operations_ReadyzAsksTheModels_PsIsEmpty_EmbedIsNotImplemented()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        (await RelayHttp.GetStringAsync(env.Client, "/readyz")).ShouldBe("ready\n");
        (await RelayHttp.GetStringAsync(env.Client, "/api/ps")).ShouldBe("""{"models":[]}""");
        using var embed = await RelayHttp.PostAsync(env.Client, "/api/embed", """{"model":"all-minilm","input":"a"}""");
        embed.StatusCode.ShouldBe(HttpStatusCode.NotImplemented);
        (await RelayHttp.ReadTextAsync(embed))
            .ShouldBe("""{"error":"/api/embed is not available with an OpenAI upstream (Relay:Upstream:Protocol is openai)"}""");
        env.Fake.Journal.Entries.Select(e => e.Path).ShouldBe(["/v1/models"]);
    }

    private static JsonElement Json(string data) => JsonDocument.Parse(data).RootElement.Clone();
}
