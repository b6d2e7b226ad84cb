using System.Text.Json.Nodes;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Testing.RawHttp;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using static StreamingHarness.FakeOllama.Tests.Structured.StructuredWire;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary><c>think</c> levels and <c>/v1</c> reasoning efforts, validated in Ollama's order, played per level.</summary>
public sealed class ThinkingLevelTests
{
    private const string Thinker =
        "name: t\nmodels:\n  - name: t\n    capabilities: [completion, thinking]\n  - m\nthinking: \"Default.\"\n"
        + "thinking_levels:\n  low: \"Quick.\"\n  max: \"Very long thought.\"\nresponse: \"Yes\"\n";

    private const string ThinkValues = """\"high\", \"medium\", \"low\", \"max\", true, or false""";

    [Theory]
    [InlineData("\"low\"", "Quick.")]
    [InlineData("\"max\"", "Very long thought.")]
    [InlineData("\"high\"", "Default.")]
    [InlineData("true", "Default.")]
    [InlineData("null", "Default.")]
    public async Task Chat_ThinkLevel_PlaysThatLevelsThinking(string think, string thinking)
    {
        await using var fake = await StartAsync(Thinker);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/api/chat", Q("{'model':'t','stream':false,'think':") + think + Q(",'messages':[{'role':'user','content':'q'}]}")));

        var message = JsonNode.Parse(response.BodyText)!["message"]!;
        message["thinking"]!.GetValue<string>().ShouldBe(thinking);
        message["content"]!.GetValue<string>().ShouldBe("Yes");
    }

    [Theory]
    [InlineData(
        "/api/chat", "{'model':'unknown','messages':[],'think':'extreme'}",
        """invalid think value: \"extreme\" (must be """ + ThinkValues + ")")]
    [InlineData(
        "/api/generate", "{'model':'unknown','prompt':'p','think':[true]}", "think must be a boolean or string (" + ThinkValues + ")")]
    [InlineData(
        "/api/generate", "{'model':'unknown','prompt':'p','think':'True'}",
        """invalid think value: \"True\" (must be """ + ThinkValues + ")")]
    public async Task Native_BadThink_Is400BeforeTheModelLookup(string path, string body, string message)
    {
        await using var fake = await StartAsync(Thinker);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(path, Q(body)));

        response.StatusCode.ShouldBe(400);
        response.BodyText.ShouldBe($$"""{"error":"{{message}}"}""");
    }

    [Theory]
    [InlineData("'reasoning_effort':'minimal'", "Quick.")]
    [InlineData("'reasoning_effort':'low'", "Quick.")]
    [InlineData("'reasoning_effort':'medium'", "Default.")]
    [InlineData("'reasoning_effort':'xhigh'", "Very long thought.")]
    [InlineData("'reasoning_effort':'ultra'", "Very long thought.")]
    [InlineData("'reasoning_effort':'low','reasoning':{'effort':'max'}", "Very long thought.")]
    [InlineData("'reasoning_effort':'none'", null)]
    public async Task OpenAi_ReasoningEffort_MapsAsOllamaMapsIt(string fields, string? reasoning)
    {
        await using var fake = await StartAsync(Thinker);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions", Q("{'model':'t',") + Q(fields) + Q(",'messages':[{'role':'user','content':'q'}]}")));

        response.StatusCode.ShouldBe(200);
        JsonNode.Parse(response.BodyText)!["choices"]![0]!["message"]!["reasoning"]?.GetValue<string>().ShouldBe(reasoning);
    }

    [Fact]
    public async Task OpenAi_UnknownEffort_IsTheMiddlewares400BeforeTheModelLookup()
    {
        await using var fake = await StartAsync(Thinker);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions", Q("{'model':'unknown','reasoning_effort':'huge','messages':[{'role':'user','content':'q'}]}")));

        response.StatusCode.ShouldBe(400);
        response.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        response.BodyText.ShouldBe(
            """{"error":{"message":"invalid reasoning value: \"huge\" (must be \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\", """
            + """\"ultra\", \"max\", or \"none\")","type":"invalid_request_error","param":null,"code":null}}""");
    }

    [Fact]
    public async Task OpenAi_EffortOnAModelWithoutThinking_IsTheChatHandlers400()
    {
        await using var fake = await StartAsync(Thinker.Replace("  - m\n", "", StringComparison.Ordinal), "name: m\nresponse: x\n");

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions", Q("{'model':'m','reasoning_effort':'high','messages':[{'role':'user','content':'q'}]}")));

        response.StatusCode.ShouldBe(400);
        response.BodyText.ShouldBe(
            """{"error":{"message":"\"m\" does not support thinking","type":"invalid_request_error","param":null,"code":null}}""" + "\n");
    }

    [Fact]
    public void Yaml_UnknownThinkingLevel_NamesTheFileLineAndField()
    {
        var error = Should.Throw<ScenarioLoadException>(
            () => Scenario("name: t\nthinking_levels:\n  low: a\n  extreme: b\n"));

        error.Message.ShouldBe("test.yaml:4: unknown field 'extreme' (known fields: high, low, max, medium)");
    }
}
