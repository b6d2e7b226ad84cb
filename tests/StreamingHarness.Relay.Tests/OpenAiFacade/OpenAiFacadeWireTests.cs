using System.Text.Json;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.Protocol.Time;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.OpenAiFacade;

/// <summary>
/// The relay in <c>openai</c> mode over the fake's <c>/v1</c>, asked what Ollama is asked: its answer must be the
/// fake's own native answer to the same request, line for line and byte for byte, except what an OpenAI upstream
/// cannot give (<c>created_at</c> is the relay's, durations are measured, a generate has no <c>context</c>).
/// </summary>
public sealed partial class OpenAiFacadeWireTests
{
    private const string Tool = """
        {"type":"function","function":{"name":"get_weather","description":"The weather",
         "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}
        """;

    [Theory]
    [InlineData("/api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"hello"}]}""")]
    [InlineData("/api/chat", """{"model":"qwen3","think":true,"messages":[{"role":"user","content":"hello"}]}""")]
    [InlineData("/api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"weather in Tokyo?"}],"tools":[""" + Tool + "]}")]
    [InlineData("/api/chat", """{"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"hello"}]}""")]
    [InlineData("/api/chat", """{"model":"qwen3","stream":false,"messages":[{"role":"user","content":"hello"}]}""")]
    [InlineData("/api/generate", """{"model":"llama3.2","prompt":"hello"}""")]
    [InlineData("/api/generate", """{"model":"qwen3","prompt":"hello","stream":false}""")]
    [InlineData("/api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"hello"}],"options":{"num_predict":3}}""")]
    public async Task Generation_IsTheNativeAnswer_ExceptTimesAndContext(string path, string body)
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);
        using var direct = new HttpClient { BaseAddress = env.Fake.BaseAddress };

        using var native = await RelayHttp.PostAsync(direct, path, body);
        using var facade = await RelayHttp.PostAsync(env.Client, path, body);

        facade.StatusCode.ShouldBe(native.StatusCode);
        facade.Content.Headers.ContentType!.ToString().ShouldBe(native.Content.Headers.ContentType!.ToString());
        var expected = Normalize(await RelayHttp.ReadTextAsync(native));
        var actual = await RelayHttp.ReadTextAsync(facade);
        Normalize(actual).ShouldBe(expected);
        actual.ShouldNotContain("\"done\":true,\"done\":");
    }

    [Fact]
    public async Task Chat_CreatedAtIsGoFormat_AndTheDurationsAddUp()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"hello"}]}""");
        var lines = (await RelayHttp.ReadTextAsync(response)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var createdAt = json.RootElement.GetProperty("created_at").GetString()!;
            OllamaTimestamp.TryParse(createdAt, out var parsed).ShouldBeTrue(createdAt);
            OllamaTimestamp.Format(parsed).ShouldBe(createdAt);
        }

        using var done = JsonDocument.Parse(lines[^1]);
        var root = done.RootElement;
        (root.GetProperty("done").GetBoolean(), root.GetProperty("done_reason").GetString()).ShouldBe((true, "stop"));
        (root.GetProperty("prompt_eval_count").GetInt64(), root.GetProperty("eval_count").GetInt64()).ShouldBe((1, 9));
        var total = root.GetProperty("total_duration").GetInt64();
        total.ShouldBeGreaterThan(0);
        (root.GetProperty("prompt_eval_duration").GetInt64() + root.GetProperty("eval_duration").GetInt64()).ShouldBe(total);
        root.TryGetProperty("load_duration", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Options_AreSentUnderTheirOpenAiNames_WithUsageAskedFor()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);
        const string Body = """
            {"model":"llama3.2","messages":[{"role":"user","content":"hello"}],"think":false,"format":"json",
             "options":{"num_predict":5,"temperature":0.2,"top_p":0.5,"seed":42,"stop":["\n"],"top_k":3}}
            """;

        using var response = await RelayHttp.PostAsync(env.Client, "/api/chat", Body);
        await RelayHttp.ReadTextAsync(response);

        var upstream = await env.FinishedUpstreamAsync("/v1/chat/completions");
        upstream.Body.ShouldBe(
            """{"model":"llama3.2","messages":[{"role":"user","content":"hello"}],"stream":true,"stream_options":{"include_usage":true},"""
            + "\"max_tokens\":5,\"seed\":42,\"stop\":[\"\\n\"],\"temperature\":0.2,\"top_p\":0.5,\"reasoning_effort\":\"none\","
            + "\"response_format\":{\"type\":\"json_object\"}}");
    }

    [Fact]
    public async Task Generate_SystemAndPromptBecomeTwoMessages()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/api/generate", """{"model":"llama3.2","system":"be brief","prompt":"hello"}""");
        await RelayHttp.ReadTextAsync(response);

        var upstream = await env.FinishedUpstreamAsync("/v1/chat/completions");
        upstream.Body.ShouldStartWith(
            """{"model":"llama3.2","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello"}],"stream":true""");
    }

    /// <summary>What only the relay can say: its own clock and measurements, and the context an OpenAI upstream never gives.</summary>
    private static string Normalize(string ndjson)
    {
        var text = CreatedAt().Replace(ndjson, "\"created_at\":\"T\"");
        text = Duration().Replace(text, "");
        return Context().Replace(text, "");
    }

    [GeneratedRegex("\"created_at\":\"[^\"]+\"")]
    private static partial Regex CreatedAt();

    [GeneratedRegex(",\"(total|load|prompt_eval|eval)_duration\":\\d+")]
    private static partial Regex Duration();

    [GeneratedRegex(",\"context\":\\[[^\\]]*\\]")]
    private static partial Regex Context();
}
