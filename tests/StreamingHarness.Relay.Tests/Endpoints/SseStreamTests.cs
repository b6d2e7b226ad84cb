extern alias fake;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using fake::StreamingHarness.FakeOllama.Scenarios;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>The SSE contract end to end over the fake Ollama.</summary>
public sealed class SseStreamTests
{
    private const string Answer = "The sky is blue because of Rayleigh scattering.";

    [Fact]
    public async Task StreamChat_HappyPath_StartTokensDoneWithSequentialIds()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)]);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/stream/chat", """{"model":"fixed","messages":[{"role":"user","content":"why?"}]}""");
        var events = await RelayHttp.ReadEventsAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        events.Select(e => e.Id)
            .ShouldBe(Enumerable.Range(0, events.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        events[0].Type.ShouldBe("start");
        events[^1].Type.ShouldBe("done");
        var tokens = events.Where(e => e.Type == "token").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        tokens.Count.ShouldBe(events.Count - 2);
        tokens.Select(t => t.GetProperty("index").GetInt64()).ShouldBe(Enumerable.Range(0, tokens.Count).Select(i => (long)i));
        string.Concat(tokens.Select(t => t.GetProperty("content").GetString())).ShouldBe(Answer);

        var start = JsonDocument.Parse(events[0].Data).RootElement;
        start.GetProperty("id").GetString().ShouldBe(response.Headers.GetValues("X-Request-Id").Single());
        start.GetProperty("model").GetString().ShouldBe("fixed");
        DateTimeOffset.Parse(start.GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Offset.ShouldBe(
            TimeSpan.Zero);

        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        done.GetProperty("done_reason").GetString().ShouldBe("stop");
        done.GetProperty("usage").GetProperty("completion_tokens").GetInt64().ShouldBe(tokens.Count);
        done.GetProperty("usage").GetProperty("prompt_tokens").GetInt64().ShouldBeGreaterThan(0);

        var upstream = await env.FinishedUpstreamAsync();
        upstream.Ending.ShouldBe(StreamEnding.Completed);
        upstream.TokensDelivered.ShouldBe(tokens.Count);
    }

    [Fact]
    public async Task StreamGenerate_OptionsAliasesAndDefaults_AreForwardedAsOllamaOptions()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", Answer)],
            new Dictionary<string, string?>
            {
                ["Relay:Requests:DefaultOptions:num_ctx"] = "2048", ["Relay:Requests:DefaultOptions:temperature"] = "0.7",
            });

        using var response = await RelayHttp.PostAsync(
            env.Client, "/stream/generate",
            """{"model":"fixed","prompt":"why?","max_tokens":3,"temperature":0.2,"seed":7,"options":{"top_k":5}}""");
        var events = await RelayHttp.ReadEventsAsync(response);

        events[^1].Type.ShouldBe("done");
        var upstream = await env.FinishedUpstreamAsync("/api/generate");
        var sent = JsonNode.Parse(upstream.Body!)!.AsObject();
        sent["options"]!.ToJsonString().ShouldBe("""{"num_ctx":2048,"temperature":0.2,"top_k":5,"num_predict":3,"seed":7}""");
        sent["stream"]!.GetValue<bool>().ShouldBeTrue();
        sent.ContainsKey("max_tokens").ShouldBeFalse();
        events.Count(e => e.Type == "token").ShouldBe(3);
        JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("done_reason").GetString().ShouldBe("length");
    }

    [Fact]
    public async Task StreamChat_ThinkingAndTools_BecomeThinkingTokensAndOneToolCallEvent()
    {
        var scenario = new Scenario
        {
            Name = "agent",
            Models = [new ModelSpec { Name = "agent", Capabilities = ["completion", "tools", "thinking"] }],
            Response = "Checking.",
            Thinking = "Need weather.",
            ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new JsonObject { ["city"] = "Tokyo" } }],
        };
        await using var env = await RelayOverFake.StartAsync([scenario]);
        const string Body = """
            {"model":"agent","think":true,"messages":[{"role":"user","content":"weather?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}
            """;

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", Body);
        var events = await RelayHttp.ReadEventsAsync(response);

        var tokens = events.Where(e => e.Type == "token").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        string.Concat(tokens.Select(t => t.TryGetProperty("thinking", out var th) ? th.GetString() : "")).ShouldBe("Need weather.");
        string.Concat(tokens.Select(t => t.GetProperty("content").GetString())).ShouldBe("Checking.");
        var call = JsonDocument.Parse(events.Single(e => e.Type == "tool_call").Data).RootElement;
        call.GetProperty("name").GetString().ShouldBe("get_weather");
        call.GetProperty("arguments").GetRawText().ShouldBe("""{"city":"Tokyo"}""");
        call.GetProperty("id").GetString().ShouldStartWith("call_");
        events[^1].Type.ShouldBe("done");
    }

    [Fact]
    public async Task StreamChat_UnknownModel_IsTheUpstream404AsProblemDetails()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)]);

        using var response = await RelayHttp.PostAsync(
            env.Client, "/stream/chat", """{"model":"nope","messages":[{"role":"user","content":"x"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.ShouldBeProblemAsync("upstream_error", retryable: false);
        problem.GetProperty("detail").GetString().ShouldBe("upstream answered 404: model 'nope' not found");
    }

    [Fact]
    public async Task StreamChat_Heartbeat_CommitsAtOncePingsWhileWaitingThenStreams()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", Answer, t => t.FirstTokenMs = 1000)],
            new Dictionary<string, string?> { ["Relay:Streaming:HeartbeatInterval"] = "00:00:00.1" });

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("fixed"));
        var raw = await RelayHttp.ReadTextAsync(response);
        var events = await SseReader.ReadAllAsync(raw);

        raw.IndexOf(": ping\n\n", StringComparison.Ordinal)
            .ShouldBeInRange(raw.IndexOf("event: start", StringComparison.Ordinal), raw.IndexOf("event: token", StringComparison.Ordinal));
        events[0].Type.ShouldBe("start");
        events[^1].Type.ShouldBe("done");
        string.Concat(
            events.Where(e => e.Type == "token").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("content").GetString()))
            .ShouldBe(Answer);
    }

    [Fact]
    public async Task StreamChat_CoalescingWindow_MergesTokensIntoFewerEvents()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", Answer)],
            new Dictionary<string, string?> { ["Relay:Streaming:CoalesceWindow"] = "00:00:05" });

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("fixed"));
        var events = await RelayHttp.ReadEventsAsync(response);

        var upstream = await env.FinishedUpstreamAsync();
        var tokens = events.Where(e => e.Type == "token").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        tokens.Count.ShouldBeLessThan(upstream.TokensDelivered);
        string.Concat(tokens.Select(t => t.GetProperty("content").GetString())).ShouldBe(Answer);
        JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt64()
            .ShouldBe(upstream.TokensDelivered);
    }
}
