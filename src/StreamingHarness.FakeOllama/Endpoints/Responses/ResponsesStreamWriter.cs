using System.Text;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Responses;
using static StreamingHarness.Protocol.Responses.ResponsesEventTypes;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>
/// A streamed <c>/v1/responses</c> answer, event for event as Ollama's <c>ResponsesStreamConverter</c> makes it from the
/// native chunks: <c>response.created</c> and <c>response.in_progress</c> with the first chunk; a reasoning item
/// (summary deltas) while thinking; a message item (content part, text deltas) for the answer; per tool call one
/// <c>function_call</c> item with its arguments in one delta; then the closing events and <c>response.completed</c>
/// with the usage, status "completed" even at the length limit. Each event is <c>event: type\ndata: {…}\n\n</c>, one
/// write and flush. There is no <c>[DONE]</c>. The output index is not advanced when the message starts, so a tool
/// call after text shares the message's index, and the message then never gets its done events: as in Ollama.
/// </summary>
internal sealed class ResponsesStreamWriter(ResponseStream stream, ResponsesRequest request, ResponsesIds ids, TimeProvider time)
    : IAnswerWriter
{
    private readonly ResponsesTextDelta _textDelta = new() { ItemId = ids.MessageId };
    private readonly ResponsesReasoningDelta _reasoningDelta = new();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _thinking = new();
    private readonly JsonArray _completedItems = [];
    private int _sequence;
    private int _outputIndex;
    private bool _started;
    private bool _contentStarted;
    private bool _toolCallsSent;
    private string? _reasoningId;

    public async ValueTask<bool> ThinkingAsync(string token)
    {
        if (!await StartAsync())
        {
            return false;
        }

        if (_reasoningId is null)
        {
            _reasoningId = ids.NextReasoningId();
            var added = Event(OutputItemAdded, ("output_index", _outputIndex), ("item", ResponsesItems.Reasoning(_reasoningId, null)));
            if (!await WriteAsync(OutputItemAdded, added))
            {
                return false;
            }
        }

        _thinking.Append(token);
        _reasoningDelta.Delta = token;
        _reasoningDelta.ItemId = _reasoningId;
        _reasoningDelta.OutputIndex = _outputIndex;
        _reasoningDelta.SequenceNumber = _sequence++;
        return await stream.WriteAsync(
            _reasoningDelta, ProtocolJson.Context.ResponsesReasoningDelta, LineKind.Thinking, eventType: ReasoningSummaryTextDelta);
    }

    public async ValueTask<bool> ContentAsync(string token)
    {
        if (!await StartAsync() || !await FinishReasoningAsync())
        {
            return false;
        }

        if (_toolCallsSent)
        {
            // Ollama drops text that comes after a tool call.
            return true;
        }

        if (!_contentStarted)
        {
            _contentStarted = true;
            var message = ResponsesItems.Message(ids.MessageId, "in_progress", null);
            var item = Event(OutputItemAdded, ("output_index", _outputIndex), ("item", message));
            var part = Event(
                ContentPartAdded,
                ("item_id", ids.MessageId), ("output_index", _outputIndex), ("content_index", 0), ("part", ResponsesItems.TextPart("")));
            if (!await WriteAsync(OutputItemAdded, item) || !await WriteAsync(ContentPartAdded, part))
            {
                return false;
            }
        }

        _text.Append(token);
        _textDelta.Delta = token;
        _textDelta.OutputIndex = _outputIndex;
        _textDelta.SequenceNumber = _sequence++;
        return await stream.WriteAsync(
            _textDelta, ProtocolJson.Context.ResponsesTextDelta, LineKind.Content, textLength: token.Length, eventType: OutputTextDelta);
    }

    public async ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id)
    {
        if (!await StartAsync() || !await FinishReasoningAsync())
        {
            return false;
        }

        _toolCallsSent = true;
        var itemId = ids.NextFunctionCallId();
        var arguments = call.Arguments.ToJsonString(ProtocolJson.Options);
        var done = ResponsesItems.FunctionCall(itemId, "completed", id, call.Name, arguments);
        var added = ResponsesItems.FunctionCall(itemId, "in_progress", id, call.Name, "");
        _completedItems.Add((JsonNode)done);
        var at = _outputIndex++;
        return await WriteAsync(
                OutputItemAdded,
                Event(OutputItemAdded, ("output_index", at), ("item", added)))
            && await WriteAsync(
                FunctionCallArgumentsDelta,
                Event(FunctionCallArgumentsDelta, ("item_id", itemId), ("output_index", at), ("delta", arguments)),
                LineKind.ToolCall)
            && await WriteAsync(
                FunctionCallArgumentsDone,
                Event(FunctionCallArgumentsDone, ("item_id", itemId), ("output_index", at), ("arguments", arguments)))
            && await WriteAsync(
                OutputItemDone, Event(OutputItemDone, ("output_index", at), ("item", done.DeepClone())));
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        if (!await StartAsync() || !await FinishReasoningAsync())
        {
            return;
        }

        var text = _text.ToString();
        if (!_toolCallsSent && _contentStarted && !await CloseMessageAsync(text))
        {
            return;
        }

        var output = (JsonArray)_completedItems.DeepClone();
        if (_contentStarted)
        {
            output.Add((JsonNode)ResponsesItems.Message(ids.MessageId, "completed", text));
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var response = ResponsesObject.Build(
            request, ids.ResponseId, "completed", output, ResponsesObject.Usage(metrics), now, now, streamed: true);
        await WriteAsync(Completed, Event(Completed, ("response", response)), LineKind.Final);
    }

    private async ValueTask<bool> CloseMessageAsync(string text)
    {
        var id = ids.MessageId;
        return await WriteAsync(
                OutputTextDone,
                Event(
                    OutputTextDone,
                    ("item_id", id), ("output_index", _outputIndex), ("content_index", 0), ("text", text), ("logprobs", new JsonArray())))
            && await WriteAsync(
                ContentPartDone,
                Event(
                    ContentPartDone,
                    ("item_id", id), ("output_index", _outputIndex), ("content_index", 0), ("part", ResponsesItems.TextPart(text))))
            && await WriteAsync(
                OutputItemDone,
                Event(OutputItemDone, ("output_index", _outputIndex), ("item", ResponsesItems.Message(id, "completed", text))));
    }

    /// <summary>The first native chunk opens the stream with the response as it is so far: in progress, no output.</summary>
    private async ValueTask<bool> StartAsync()
    {
        if (_started)
        {
            return true;
        }

        _started = true;
        foreach (var type in (string[])[Created, InProgress])
        {
            var response = ResponsesObject.Build(
                request, ids.ResponseId, "in_progress", [], null, time.GetUtcNow().ToUnixTimeSeconds(), null, streamed: true);
            if (!await WriteAsync(type, Event(type, ("response", response))))
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<bool> FinishReasoningAsync()
    {
        if (_reasoningId is not { } id)
        {
            return true;
        }

        var thinking = _thinking.ToString();
        var item = ResponsesItems.Reasoning(id, thinking);
        _completedItems.Add((JsonNode)item);
        _thinking.Clear();
        _reasoningId = null;
        var at = _outputIndex++;
        return await WriteAsync(
                ReasoningSummaryTextDone,
                Event(
                    ReasoningSummaryTextDone,
                    ("item_id", id), ("output_index", at), ("summary_index", 0), ("text", thinking)))
            && await WriteAsync(OutputItemDone, Event(OutputItemDone, ("output_index", at), ("item", item.DeepClone())));
    }

    /// <summary>An event as Ollama's map: the fields, its type and the next sequence number, keys sorted when written.</summary>
    private JsonObject Event(string type, params (string Key, JsonNode? Value)[] fields)
    {
        var data = new JsonObject();
        foreach (var (key, value) in fields)
        {
            data[key] = value;
        }

        data["type"] = type;
        data["sequence_number"] = _sequence++;
        return (JsonObject)GoMap.Sorted(data, "schema")!;
    }

    private ValueTask<bool> WriteAsync(string type, JsonObject data, LineKind kind = LineKind.Event) =>
        stream.WriteAsync(data, ProtocolJson.Context.JsonObject, kind, eventType: type);
}
