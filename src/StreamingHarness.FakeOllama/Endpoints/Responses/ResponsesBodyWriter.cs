using System.Text;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Responses;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>
/// A non-streamed <c>/v1/responses</c> answer (Ollama's <c>ToResponse</c>): a reasoning item when the model thought,
/// then either the function calls or the message, never both; <c>application/json</c> with Go's json.Encoder newline.
/// </summary>
internal sealed class ResponsesBodyWriter(ResponseStream stream, ResponsesRequest request, ResponsesIds ids, TimeProvider time)
    : IAnswerWriter
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _thinking = new();
    private readonly List<(ToolCallSpec Call, string Id)> _toolCalls = [];

    public ValueTask<bool> ThinkingAsync(string token) => Buffer(_thinking, token);

    public ValueTask<bool> ContentAsync(string token) => Buffer(_text, token);

    public ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id)
    {
        _toolCalls.Add((call, id));
        return ValueTask.FromResult(true);
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        var output = new JsonArray();
        if (_thinking.Length > 0)
        {
            output.Add((JsonNode)ResponsesItems.Reasoning($"rs_{ids.ResponseId}", _thinking.ToString()));
        }

        for (var i = 0; i < _toolCalls.Count; i++)
        {
            var (call, id) = _toolCalls[i];
            output.Add((JsonNode)ResponsesItems.FunctionCall(
                $"fc_{ids.ResponseId}_{i}", "completed", id, call.Name, call.Arguments.ToJsonString(ProtocolJson.Options)));
        }

        if (_toolCalls.Count == 0)
        {
            output.Add((JsonNode)ResponsesItems.Message(ids.MessageId, "completed", _text.ToString()));
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var response = ResponsesObject.Build(
            request, ids.ResponseId, "completed", output, ResponsesObject.Usage(metrics), now, now, streamed: false);
        await stream.WriteBodyAsync(response, ProtocolJson.Context.JsonObject, trailingNewline: true);
    }

    private ValueTask<bool> Buffer(StringBuilder target, string token)
    {
        target.Append(token);
        stream.BufferedTokens++;
        return ValueTask.FromResult(true);
    }
}
