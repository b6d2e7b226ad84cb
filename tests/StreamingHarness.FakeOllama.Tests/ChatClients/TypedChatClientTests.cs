using System.Text.Json;
using Microsoft.Extensions.AI;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Responses;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests.ChatClients;

/// <summary>
/// Microsoft.Extensions.AI over OpenAI Responses and over Anthropic Messages (see <see cref="TypedChatClients"/>): the
/// answer, the thinking and a tool call arrive as the abstraction's contents, and the stream ends with its finish reason.
/// </summary>
public sealed class TypedChatClientTests
{
    [Theory]
    [MemberData(nameof(TypedChatClients.Both), MemberType = typeof(TypedChatClients))]
    public async Task ChatClient_HealthyStream_GivesTheTextAndStop(string protocol)
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        var chat = TypedChatClients.Create(protocol, fake.BaseAddress, "m");

        var updates = await StreamAsync(chat, "hi");

        string.Concat(updates.Select(u => u.Text)).ShouldBe("Hello, world!");
        updates.Select(u => u.FinishReason).OfType<ChatFinishReason>().Distinct().ShouldBe([ChatFinishReason.Stop]);
    }

    [Theory]
    [MemberData(nameof(TypedChatClients.Both), MemberType = typeof(TypedChatClients))]
    public async Task ChatClient_ThinkingModel_GivesTheReasoningThenTheText(string protocol)
    {
        await using var fake = await TestScenarios.StartAsync(ResponsesContractTests.Thinker());
        var chat = TypedChatClients.Create(protocol, fake.BaseAddress, "qwen3");

        var updates = await StreamAsync(chat, "hey");

        var contents = updates.SelectMany(u => u.Contents).ToList();
        string.Concat(contents.OfType<TextReasoningContent>().Select(r => r.Text)).ShouldBe("Hm");
        string.Concat(contents.OfType<TextContent>().Select(t => t.Text)).ShouldBe("Hi there");
        contents.FindIndex(c => c is TextReasoningContent).ShouldBeLessThan(contents.FindIndex(c => c is TextContent));
    }

    [Theory]
    [MemberData(nameof(TypedChatClients.Both), MemberType = typeof(TypedChatClients))]
    public async Task ChatClient_ToolCall_GivesOneFunctionCallWithItsArguments(string protocol)
    {
        await using var fake = await TestScenarios.StartAsync(ResponsesClientTests.Tools());
        var chat = TypedChatClients.Create(protocol, fake.BaseAddress, "tools");
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => "sunny", "get_weather", "The weather in a city")],
        };

        var updates = await StreamAsync(chat, "weather in Tokyo?", options);

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Name.ShouldBe("get_weather");
        JsonSerializer.Serialize(call.Arguments).ShouldBe("""{"city":"Tokyo"}""");
        call.CallId.ShouldNotBeNullOrEmpty();
        updates.Select(u => u.FinishReason).OfType<ChatFinishReason>().Distinct().ShouldBe([ChatFinishReason.ToolCalls]);
    }

    private static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient chat, string prompt, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(prompt, options, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        return updates;
    }
}
