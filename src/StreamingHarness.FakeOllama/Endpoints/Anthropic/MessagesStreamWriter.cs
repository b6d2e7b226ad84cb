using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Anthropic;
using StreamingHarness.Protocol.Json;
using static StreamingHarness.Protocol.Anthropic.AnthropicEventTypes;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Anthropic;

/// <summary>
/// A streamed <c>/v1/messages</c> answer, event for event as Ollama's <c>anthropic.StreamConverter</c> makes it:
/// <c>message_start</c> (with the estimated input tokens) with the first chunk; a thinking block, a text block, and per
/// tool call a <c>tool_use</c> block whose input arrives in one <c>input_json_delta</c>; each block opened with
/// <c>content_block_start</c> and closed with <c>content_block_stop</c>; then <c>message_delta</c> (stop reason, usage)
/// and <c>message_stop</c>. No <c>ping</c>, and no <c>error</c> event: a failure just stops the stream.
/// </summary>
internal sealed class MessagesStreamWriter(ResponseStream stream, string id, string model, int estimatedInputTokens) : IAnswerWriter
{
    private readonly ContentBlockDeltaEvent _delta = new();
    private readonly ContentDelta _textDelta = new() { Type = "text_delta" };
    private readonly ContentDelta _thinkingDelta = new() { Type = "thinking_delta" };
    private bool _started;
    private int _index;
    private bool _thinkingStarted;
    private bool _thinkingDone;
    private bool _textStarted;
    private bool _toolCallsSent;

    public async ValueTask<bool> ThinkingAsync(string token)
    {
        if (!await StartAsync())
        {
            return false;
        }

        if (_thinkingDone)
        {
            return true;
        }

        if (_textStarted)
        {
            _textStarted = false;
            if (!await StopBlockAsync(_index++))
            {
                return false;
            }
        }

        if (!_thinkingStarted)
        {
            _thinkingStarted = true;
            if (!await StartBlockAsync(new JsonObject { ["type"] = "thinking", ["thinking"] = "" }))
            {
                return false;
            }
        }

        _thinkingDelta.Thinking = token;
        return await DeltaAsync(_thinkingDelta, LineKind.Thinking);
    }

    public async ValueTask<bool> ContentAsync(string token)
    {
        if (!await StartAsync() || !await CloseThinkingAsync())
        {
            return false;
        }

        if (!_textStarted)
        {
            _textStarted = true;
            if (!await StartBlockAsync(new JsonObject { ["type"] = "text", ["text"] = "" }))
            {
                return false;
            }
        }

        _textDelta.Text = token;
        return await DeltaAsync(_textDelta, LineKind.Content, token.Length);
    }

    public async ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id)
    {
        if (!await StartAsync() || !await CloseThinkingAsync())
        {
            return false;
        }

        if (_textStarted)
        {
            _textStarted = false;
            if (!await StopBlockAsync(_index++))
            {
                return false;
            }
        }

        _toolCallsSent = true;
        var block = new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = call.Name, ["input"] = new JsonObject() };
        var input = call.Arguments.ToJsonString(ProtocolJson.Options);
        return await StartBlockAsync(block)
            && await DeltaAsync(new ContentDelta { Type = "input_json_delta", PartialJson = input }, LineKind.ToolCall)
            && await StopBlockAsync(_index++);
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        if (!await StartAsync())
        {
            return;
        }

        if ((_textStarted || (_thinkingStarted && !_thinkingDone)) && !await StopBlockAsync(_index))
        {
            return;
        }

        var messageDelta = new JsonObject
        {
            ["type"] = MessageDelta,
            ["delta"] = StopReason(doneReason, _toolCallsSent) is { } reason
                ? new JsonObject { ["stop_reason"] = reason }
                : new JsonObject(),
            ["usage"] = new JsonObject { ["input_tokens"] = metrics.PromptEvalCount, ["output_tokens"] = metrics.EvalCount },
        };
        if (await WriteAsync(MessageDelta, messageDelta, LineKind.Final))
        {
            await WriteAsync(MessageStop, new JsonObject { ["type"] = MessageStop });
        }
    }

    /// <summary>Ollama's <c>mapStopReason</c>: tool calls win, then stop and length; null is left out (omitempty).</summary>
    public static string? StopReason(string doneReason, bool toolCalls) =>
        toolCalls ? "tool_use" : doneReason switch { "stop" => "end_turn", "length" => "max_tokens", "" => null, _ => "stop_sequence" };

    private async ValueTask<bool> StartAsync()
    {
        if (_started)
        {
            return true;
        }

        _started = true;
        var message = new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(),
            ["usage"] = new JsonObject { ["input_tokens"] = estimatedInputTokens, ["output_tokens"] = 0 },
        };
        return await WriteAsync(MessageStart, new JsonObject { ["type"] = MessageStart, ["message"] = message });
    }

    /// <summary>Thinking ends at the first text or tool call and never starts again.</summary>
    private async ValueTask<bool> CloseThinkingAsync()
    {
        if (!_thinkingStarted || _thinkingDone)
        {
            return true;
        }

        _thinkingDone = true;
        return await StopBlockAsync(_index++);
    }

    private ValueTask<bool> StartBlockAsync(JsonObject block) => WriteAsync(
        ContentBlockStart, new JsonObject { ["type"] = ContentBlockStart, ["index"] = _index, ["content_block"] = block });

    private ValueTask<bool> StopBlockAsync(int index) =>
        WriteAsync(ContentBlockStop, new JsonObject { ["type"] = ContentBlockStop, ["index"] = index });

    private ValueTask<bool> DeltaAsync(ContentDelta delta, LineKind kind, int textLength = 0)
    {
        _delta.Index = _index;
        _delta.Delta = delta;
        return stream.WriteAsync(
            _delta, ProtocolJson.Context.ContentBlockDeltaEvent, kind, textLength: textLength, eventType: ContentBlockDelta);
    }

    private ValueTask<bool> WriteAsync(string type, JsonObject data, LineKind kind = LineKind.Event) =>
        stream.WriteAsync(data, ProtocolJson.Context.JsonObject, kind, eventType: type);
}
