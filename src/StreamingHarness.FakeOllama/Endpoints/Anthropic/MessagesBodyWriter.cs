using System.Text;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Protocol.Json;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Anthropic;

/// <summary>
/// A non-streamed <c>/v1/messages</c> answer (Ollama's <c>ToMessagesResponse</c>): thinking, text and tool_use blocks,
/// each only when there is one (no block at all is <c>"content":null</c>), the stop reason and the usage;
/// <c>application/json</c> with Go's json.Encoder newline.
/// </summary>
internal sealed class MessagesBodyWriter(ResponseStream stream, string id, string model) : IAnswerWriter
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _thinking = new();
    private readonly JsonArray _toolUses = [];

    public ValueTask<bool> ThinkingAsync(string token) => Buffer(_thinking, token);

    public ValueTask<bool> ContentAsync(string token) => Buffer(_text, token);

    public ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id)
    {
        _toolUses.Add((JsonNode)new JsonObject
        {
            ["type"] = "tool_use", ["id"] = id, ["name"] = call.Name, ["input"] = call.Arguments.DeepClone(),
        });
        return ValueTask.FromResult(true);
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        var content = new JsonArray();
        if (_thinking.Length > 0)
        {
            content.Add((JsonNode)new JsonObject { ["type"] = "thinking", ["thinking"] = _thinking.ToString() });
        }

        if (_text.Length > 0)
        {
            content.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = _text.ToString() });
        }

        foreach (var toolUse in _toolUses.ToArray())
        {
            content.Add(toolUse!.DeepClone());
        }

        var body = new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = content.Count == 0 ? null : content,
        };
        if (MessagesStreamWriter.StopReason(doneReason, _toolUses.Count > 0) is { } reason)
        {
            body["stop_reason"] = reason;
        }

        body["usage"] = new JsonObject { ["input_tokens"] = metrics.PromptEvalCount, ["output_tokens"] = metrics.EvalCount };
        await stream.WriteBodyAsync(body, ProtocolJson.Context.JsonObject, trailingNewline: true);
    }

    private ValueTask<bool> Buffer(StringBuilder target, string token)
    {
        target.Append(token);
        stream.BufferedTokens++;
        return ValueTask.FromResult(true);
    }
}
