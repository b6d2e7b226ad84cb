using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

public sealed partial class OpenAiChatContractTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [GeneratedRegex("\"id\":\"chatcmpl-\\d{1,3}\",\"object\":\"(chat\\.completion(\\.chunk)?)\",\"created\":\\d+,")]
    private static partial Regex Header();

    private static string Mask(string text) => Header().Replace(text, "\"id\":\"ID\",\"object\":\"$1\",\"created\":C,");

    private static Scenario Thinker() => new()
    {
        Name = "thinker",
        Models = [new ModelSpec { Name = "qwen3", Capabilities = ["completion", "tools", "thinking"] }],
        Thinking = "Hm",
        Response = "Hi there",
    };

    [Fact]
    public async Task Stream_FramesRoleOnceThenFinishUsageAndDone()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/chat/completions",
            Json("""{"model":"qwen3","stream":true,"stream_options":{"include_usage":true},"messages":["""
                + """{"role":"user","content":"hey"}]}"""),
            TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/event-stream");
        const string Head =
            """data: {"id":"ID","object":"chat.completion.chunk","created":C,"model":"qwen3","system_fingerprint":"fp_ollama","choices":""";
        Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            Head + """[{"index":0,"delta":{"role":"assistant","reasoning":"Hm"},"finish_reason":null}]}""" + "\n\n" +
            Head + """[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""" + "\n\n" +
            Head + """[{"index":0,"delta":{"content":" there"},"finish_reason":null}]}""" + "\n\n" +
            Head + """[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n" +
            Head + """[],"usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4}}""" + "\n\n" +
            "data: [DONE]\n\n");
    }

    [Fact]
    public async Task Stream_WithTools_SendsStringArgumentsAndToolCallsFinish()
    {
        var scenario = new Scenario
        {
            Name = "tools",
            Response = "",
            ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Tokyo" } }],
        };
        await using var fake = await TestScenarios.StartAsync(scenario);
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/chat/completions",
            Json("""{"model":"tools","stream":true,"messages":[{"role":"user","content":"w"}],"tools":[{"type":"function","function":"""
                + """{"name":"get_weather"}}]}"""),
            TestContext.Current.CancellationToken);

        var events = Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\n\n");
        events[0].ShouldMatch(
            """"^data: \{.*"choices":\[\{"index":0,"delta":\{"role":"assistant","tool_calls":\[\{"id":"call_[a-z0-9]{8}","index":""""
                + """"0,"type":"function","function":\{"name":"get_weather","arguments":"\{\\"city\\":""""
                + """"\\"Tokyo\\"\}"\}\}\]\},"finish_reason":null\}\]\}$"""");
        events[1].ShouldEndWith("""[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");
        events[2].ShouldBe("data: [DONE]");
    }

    [Fact]
    public async Task NonStreaming_IsOneCompletionWithUsageAndTrailingNewline()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/chat/completions", Json("""{"model":"qwen3","messages":[{"role":"user","content":"hey"}],"max_tokens":2}"""),
                TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            """{"id":"ID","object":"chat.completion","created":C,"model":"qwen3","system_fingerprint":"fp_ollama","choices":[{"index":"""
                + """0,"message":{"role":"assistant","content":"Hi","reasoning":"Hm"},"finish_reason":"length"}],"usage":"""
                + """{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""" + "\n");
    }

    [Theory]
    [InlineData(
        """{"model":"nope","messages":[{"role":"user","content":"x"}]}""", 404, "application/json",
        """{"error":{"message":"model 'nope' not found","type":"not_found_error","param":null,"code":null}}""" + "\n")]
    [InlineData(
        """{"messages":[{"role":"user","content":"x"}]}""", 400, "application/json",
        """{"error":{"message":"model is required","type":"invalid_request_error","param":null,"code":null}}""" + "\n")]
    [InlineData(
        """{"model":"qwen3","messages":[]}""", 400, "application/json; charset=utf-8",
        """{"error":{"message":"[] is too short - 'messages'","type":"invalid_request_error","param":null,"code":null}}""")]
    [InlineData(
        "", 400, "application/json; charset=utf-8",
        """{"error":{"message":"EOF","type":"invalid_request_error","param":null,"code":null}}""")]
    [InlineData(
        """{"model":"qwen3","stream":"yes","messages":[]}""", 400, "application/json; charset=utf-8",
        """{"error":{"message":"json: cannot unmarshal string into Go struct field ChatCompletionRequest.stream of type """
        + """bool","type":"invalid_request_error","param":null,"code":null}}""")]
    public async Task Errors_UseTheNestedShape(string body, int status, string contentType, string expected)
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync("v1/chat/completions", Json(body), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.ToString().ShouldBe(contentType);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(expected);
    }

    [Fact]
    public async Task Models_ListsEveryModelWithTrailingNewline()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.GetAsync("v1/models", TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldMatch(
            """^\{"object":"list","data":\[\{"id":"qwen3:latest","object":"model","created":\d+,"owned_by":"library"\},\{"id":"thinker:"""
                + """latest","object":"model","created":\d+,"owned_by":"library"\}\]\}\n$""");
        using var one = await client.GetAsync("v1/models/qwen3", TestContext.Current.CancellationToken);
        (await one.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldMatch("""^\{"id":"qwen3","object":"model","created":\d+,"owned_by":"library"\}\n$""");
        using var missing = await client.GetAsync("v1/models/nope", TestContext.Current.CancellationToken);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe("""{"error":{"message":"model 'nope:latest' not found","type":"not_found_error","param":null,"code":null}}""" + "\n");
    }

    [Fact]
    public async Task Models_WithNoModels_HasNullData()
    {
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [], ScenarioDirectory = Directory.CreateTempSubdirectory().FullName },
            TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);

        (await client.GetStringAsync("v1/models", TestContext.Current.CancellationToken)).ShouldBe("{\"object\":\"list\",\"data\":null}\n");
        (await client.GetStringAsync("api/tags", TestContext.Current.CancellationToken)).ShouldBe("{\"models\":[]}");
    }

    [Fact]
    public async Task Seed_GivesTheSameStreamAndId()
    {
        await using var fake = await TestScenarios.StartAsync(new Scenario { Name = "seeded", Tokens = 12 });
        using var client = TestScenarios.Client(fake);

        async Task<string> StreamAsync(int seed) => Regex.Replace(
            await (await client.PostAsync(
                "v1/chat/completions",
                Json($$$"""{"model":"seeded","stream":true,"seed":{{{seed}}},"messages":[{"role":"user","content":"x"}]}"""),
                TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            "\"created\":\\d+",
            "\"created\":C");

        var first = await StreamAsync(5);
        (await StreamAsync(5)).ShouldBe(first);
        (await StreamAsync(6)).ShouldNotBe(first);
    }
}
