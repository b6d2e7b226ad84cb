using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Responses;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Clients;
using static StreamingHarness.FakeOllama.Tests.Responses.ResponsesContractTests;

namespace StreamingHarness.FakeOllama.Tests.Anthropic;

/// <summary>
/// The official Anthropic clients, unchanged, on <c>/v1/messages</c>: npm <c>messages.stream</c>, NuGet Anthropic 13.15.0 (and its
/// Microsoft.Extensions.AI chat client).
/// </summary>
public sealed class MessagesClientTests
{
    [Fact]
    public async Task AnthropicNpm_MessagesStream_SeesThinkingTextToolUseAndTheError()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker(), ResponsesClientTests.Tools());

        var output = await NodeClients.RunAsync(
            "anthropic-messages-check.mjs", fake.BaseAddress.ToString().TrimEnd('/'), TestContext.Current.CancellationToken);

        var result = JsonDocument.Parse(output).RootElement;
        var stream = result.GetProperty("stream");
        stream.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ShouldBe(
        [
            "message_start", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start",
            "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
        ]);
        stream.GetProperty("text").GetString().ShouldBe("Hi there");
        stream.GetProperty("stop_reason").GetString().ShouldBe("end_turn");
        stream.GetProperty("content").GetRawText().ShouldBe(
            J("[{'type':'thinking','thinking':'Hm'},{'type':'text','text':'Hi there'}]"));
        result.GetProperty("body").GetProperty("content").GetRawText().ShouldBe(
            J("[{'type':'thinking','thinking':'Hm'},{'type':'text','text':'Hi there'}]"));
        var tool = result.GetProperty("tool");
        tool.GetProperty("stop_reason").GetString().ShouldBe("tool_use");
        MessagesContractTests.MaskIds(tool.GetProperty("content").GetRawText()).ShouldBe(
            J("[{'type':'tool_use','id':'call_N','name':'get_weather','input':{'city':'Tokyo'}}]"));
        result.GetProperty("missing").GetRawText().ShouldMatch(
            "^" + J("{'error':'NotFoundError','status':404,'message':'404 model \\u0027missing\\u0027 not found ")
            + "\\(request_id: req_[0-9a-f]{24}, path: /v1/messages, type: not_found_error\\)\"}$");
    }

    [Fact]
    public async Task AnthropicNuGet_CreateStreaming_ReadsEveryDeltaAndTheStopReason()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        var client = new AnthropicClient { ApiKey = "ollama", BaseUrl = fake.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 };

        var text = new StringBuilder();
        var thinking = new StringBuilder();
        string? stopReason = null;
        await foreach (var update in client.Messages.CreateStreaming(
            new MessageCreateParams { Model = "qwen3", MaxTokens = 64, Messages = [new UserMessageParam { Content = "hey" }] },
            TestContext.Current.CancellationToken))
        {
            if (update.TryPickContentBlockDelta(out var delta))
            {
                if (delta.Delta.TryPickText(out var textDelta))
                {
                    text.Append(textDelta.Text);
                }
                else if (delta.Delta.TryPickThinking(out var thinkingDelta))
                {
                    thinking.Append(thinkingDelta.Thinking);
                }
            }
            else if (update.TryPickDelta(out var messageDelta))
            {
                stopReason = messageDelta.Delta.StopReason?.ToString();
            }
        }

        text.ToString().ShouldBe("Hi there");
        thinking.ToString().ShouldBe("Hm");
        // The SDK's enum prints the raw JSON value.
        stopReason.ShouldBe("\"end_turn\"");
    }

    [Fact]
    public async Task MicrosoftExtensionsAi_OverAnthropicNuGet_StreamsTheAnswer()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        IChatClient chat = new AnthropicClient { ApiKey = "ollama", BaseUrl = fake.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 }
            .AsIChatClient("m", 64);

        var text = new StringBuilder();
        await foreach (var update in chat.GetStreamingResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken))
        {
            text.Append(update.Text);
        }

        text.ToString().ShouldBe("Hello, world!");
        var response = await chat.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken);
        response.Text.ShouldBe("Hello, world!");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
    }
}
