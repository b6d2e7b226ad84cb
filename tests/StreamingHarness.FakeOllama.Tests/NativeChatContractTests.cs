using System.Net;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class NativeChatContractTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Chat_Streaming_WritesOneCompactLinePerTokenThenFinalChunk()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "api/chat", Json("""{"model":"m","messages":[{"role":"user","content":"hi"}]}"""), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/x-ndjson");
        response.Headers.TransferEncodingChunked.ShouldBe(true);
        response.Headers.Contains("Server").ShouldBeFalse();
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Wire.Normalize(body).ShouldBe(
            """{"model":"m","created_at":"T","message":{"role":"assistant","content":"Hello"},"done":false}""" + "\n" +
            """{"model":"m","created_at":"T","message":{"role":"assistant","content":","},"done":false}""" + "\n" +
            """{"model":"m","created_at":"T","message":{"role":"assistant","content":" world"},"done":false}""" + "\n" +
            """{"model":"m","created_at":"T","message":{"role":"assistant","content":"!"},"done":false}""" + "\n" +
            """{"model":"m","created_at":"T","message":{"role":"assistant","content":""},"done":"""
                + """true,"done_reason":"stop","total_duration":N,"load_duration":N,"prompt_eval_count":1,"prompt_eval_duration":"""
                + """N,"eval_count":4,"eval_duration":N}""" + "\n");
    }

    [Fact]
    public async Task Chat_StreamFalse_WritesOneCompactBodyWithoutNewline()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "api/chat", Json("""{"model":"m","stream":false,"messages":[{"role":"user","content":"hi"}]}"""),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Wire.Normalize(body).ShouldBe(
            """{"model":"m","created_at":"T","message":{"role":"assistant","content":"Hello, """
            + """world!"},"done":true,"done_reason":"stop","total_duration":N,"load_duration":N,"prompt_eval_count":"""
            + """1,"prompt_eval_duration":N,"eval_count":4,"eval_duration":N}""");
    }

    [Fact]
    public async Task Chat_ThinkingModel_StreamsThinkingFirstUnlessThinkFalse()
    {
        var scenario = new Scenario
        {
            Name = "thinker",
            Models = [new ModelSpec { Name = "qwen3", Capabilities = ["completion", "thinking"] }],
            Thinking = "Hmm.",
            Response = "Yes",
        };
        await using var fake = await TestScenarios.StartAsync(scenario);
        using var client = TestScenarios.Client(fake);

        var thinking = await client.PostAsync(
            "api/chat", Json("""{"model":"qwen3","messages":[{"role":"user","content":"q"}]}"""), TestContext.Current.CancellationToken);
        var lines = (await thinking.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n');
        Wire.Normalize(lines[0])
            .ShouldBe("""{"model":"qwen3","created_at":"T","message":{"role":"assistant","content":"","thinking":"Hmm"},"done":false}""");
        Wire.Normalize(lines[1])
            .ShouldBe("""{"model":"qwen3","created_at":"T","message":{"role":"assistant","content":"","thinking":"."},"done":false}""");
        Wire.Normalize(lines[2])
            .ShouldBe("""{"model":"qwen3","created_at":"T","message":{"role":"assistant","content":"Yes"},"done":false}""");
        lines[3].ShouldContain("\"eval_count\":3");

        var plain = await client.PostAsync(
            "api/chat", Json("""{"model":"qwen3","think":false,"messages":[{"role":"user","content":"q"}]}"""),
            TestContext.Current.CancellationToken);
        (await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("thinking");
    }

    [Fact]
    public async Task Chat_WithTools_SendsEachToolCallWholeInItsOwnChunk()
    {
        var scenario = new Scenario
        {
            Name = "tools",
            Models = [new ModelSpec { Name = "m", Capabilities = ["completion", "tools"] }],
            Response = "",
            ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Tokyo" } }],
        };
        await using var fake = await TestScenarios.StartAsync(scenario);
        using var client = TestScenarios.Client(fake);

        var response = await client.PostAsync(
            "api/chat",
            Json(
            """{"model":"m","messages":[{"role":"user","content":"weather?"}],"tools":[{"type":"function","function":"""
            + """{"name":"get_weather"}}]}"""),
            TestContext.Current.CancellationToken);

        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        Wire.Normalize(lines[0]).ShouldMatch(
            """^\{"model":"m","created_at":"T","message":\{"role":"assistant","content":"","tool_calls":\[\{"id":"call_[a-z0-9]{"""
            + """8}","function":\{"index":0,"name":"get_weather","arguments":\{"city":"Tokyo"\}\}\}\]\},"done":false\}$""");
        lines[1].ShouldContain("\"done\":true,\"done_reason\":\"stop\"");
    }

    [Fact]
    public async Task Chat_ToolsOnModelWithoutTools_Is400WithOllamasMessage()
    {
        var scenario = new Scenario { Name = "plain", Models = [new ModelSpec { Name = "gemma:2b", Capabilities = ["completion"] }] };
        await using var fake = await TestScenarios.StartAsync(scenario);
        using var client = TestScenarios.Client(fake);

        var response = await client.PostAsync(
            "api/chat", Json("""{"model":"gemma:2b","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function"}]}"""),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe("""{"error":"registry.ollama.ai/library/gemma:2b does not support tools"}""");
    }

    [Fact]
    public async Task Chat_Completed_IsJournalledWithBodyScenarioAndTokens()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);
        const string Body = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

        (await client.PostAsync("api/chat", Json(Body), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var entry = await fake.Journal.WaitForAsync(
            e => e.Path == "/api/chat", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        entry.Method.ShouldBe("POST");
        entry.Body.ShouldBe(Body);
        entry.Scenario.ShouldBe("hello");
        entry.Model.ShouldBe("m");
        entry.Status.ShouldBe(200);
        entry.TokensDelivered.ShouldBe(4);
        entry.LinesWritten.ShouldBe(5);
        entry.LineTimesMs.Count.ShouldBe(5);
        entry.Ending.ShouldBe(StreamEnding.Completed);
        entry.Detail.ShouldBe("completed");
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "load")]
    [InlineData("""{"model":"m","messages":[],"keep_alive":"0m"}""", "unload")]
    public async Task Chat_NoMessages_AnswersLoadOrUnloadWithTheAssistantMessage(string request, string reason)
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync("api/chat", Json(request), TestContext.Current.CancellationToken);

        Wire.Normalize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe(
                $$"""{"model":"m","created_at":"T","message":{"role":"assistant","content":""},"done":true,"done_reason":"{{reason}}"}""");
    }

    [Fact]
    public async Task Chat_StreamFalseWithTools_CollectsTheToolCallsInTheMessage()
    {
        var scenario = new Scenario
        {
            Name = "tools",
            Response = "Checking.",
            ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Paris" } }],
        };
        await using var fake = await TestScenarios.StartAsync(scenario);
        using var client = TestScenarios.Client(fake);

        var body = await (await client.PostAsync(
            "api/chat",
            Json("""{"model":"tools","stream":false,"messages":[{"role":"user","content":"w"}],"tools":[{"type":"function"}]}"""),
            TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        body.ShouldMatch(
            """^\{"model":"tools","created_at":"[^"]+","message":\{"role":"assistant","content":"Checking.","tool_calls":\["""
            + """\{"id":"call_[a-z0-9]{8}","function":\{"index":0,"name":"get_weather","arguments":\{"city":"Paris"\}\}\}\]\},"done":"""
            + """true,"done_reason":"stop",.*\}$""");
    }
}
