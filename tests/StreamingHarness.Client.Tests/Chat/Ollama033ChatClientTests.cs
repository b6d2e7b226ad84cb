using System.Text.Json;
using Microsoft.Extensions.AI;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;

namespace StreamingHarness.Client.Tests.Chat;

/// <summary>The client's IChatClient with Ollama 0.33: structured output, reasoning effort, native-path tool calls.</summary>
public sealed class Ollama033ChatClientTests
{
    private static readonly Scenario Thinker = new()
    {
        Name = "thinker",
        Response = "ok",
        Thinking = "Hmm.",
        ThinkingLevels = new Dictionary<string, string> { ["max"] = "Deep thought." },
        Models = [new ModelSpec { Name = "thinker", Capabilities = ["completion", "tools", "thinking"] }],
        ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Paris" } }],
        ToolPath = ToolCallPath.Native,
    };

    [Fact]
    public async Task ResponseFormatSchema_IsSentAsFormat_AndTheAnswerIsAValueOfTheSchema()
    {
        await using var fake = await StartAsync(1, Thinker);
        using var client = fake.Client("thinker");
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

        var response = await client.GetResponseAsync(
            "where?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) }, TestContext.Current.CancellationToken);

        using var answer = JsonDocument.Parse(response.Text);
        answer.RootElement.GetProperty("city").ValueKind.ShouldBe(JsonValueKind.String);
        using var sent = JsonDocument.Parse((await fake.FinishedChatsAsync()).Single().Body!);
        sent.RootElement.GetProperty("format").GetRawText().ShouldBe(schema.GetRawText());
    }

    [Theory]
    [InlineData(ReasoningEffort.ExtraHigh, "\"max\"", "Deep thought.")]
    [InlineData(ReasoningEffort.Low, "\"low\"", "Hmm.")]
    [InlineData(ReasoningEffort.None, "false", null)]
    public async Task ReasoningEffort_IsSentAsThinkLevel(ReasoningEffort effort, string think, string? reasoning)
    {
        await using var fake = await StartAsync(1, Thinker);
        using var client = fake.Client("thinker");

        var response = await client.GetResponseAsync(
            "q", new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } }, TestContext.Current.CancellationToken);

        using var sent = JsonDocument.Parse((await fake.FinishedChatsAsync()).Single().Body!);
        sent.RootElement.GetProperty("think").GetRawText().ShouldBe(think);
        response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().FirstOrDefault()?.Text.ShouldBe(reasoning);
    }

    [Theory]
    [InlineData("invalid-json", JsonValueKind.Undefined)]
    [InlineData("schema-violation", JsonValueKind.Array)]
    public async Task SemanticFaults_BreakTheStructuredAnswer_NotTheStream(string scenario, JsonValueKind kind)
    {
        await using var fake = await StartAsync();
        using var client = fake.Client(scenario);

        var response = await client.GetResponseAsync(
            "q", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, TestContext.Current.CancellationToken);

        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        if (kind == JsonValueKind.Undefined)
        {
            Should.Throw<JsonException>(() => JsonDocument.Parse(response.Text));
        }
        else
        {
            JsonDocument.Parse(response.Text).RootElement.ValueKind.ShouldBe(kind);
        }
    }

    [Fact]
    public async Task NativePathToolCalls_OnTheDoneChunk_BecomeFunctionCalls()
    {
        await using var fake = await StartAsync(1, Thinker);
        using var client = fake.Client("thinker");
        var tool = AIFunctionFactory.Create((string city) => "22 degrees", "get_weather");

        var response = await client.GetResponseAsync(
            "weather?", new ChatOptions { Tools = [tool], AdditionalProperties = new() { ["think"] = false } },
            TestContext.Current.CancellationToken);

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        call.Name.ShouldBe("get_weather");
        call.Arguments!["city"]!.ToString().ShouldBe("Paris");
        call.CallId.Length.ShouldBe(32);
    }
}
