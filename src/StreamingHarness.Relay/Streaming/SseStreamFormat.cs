using System.Buffers;
using System.Text.Json;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Protocol.Time;
using StreamingHarness.Relay.Endpoints;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// The relay's SSE contract: <c>start</c>, <c>token</c>*, <c>tool_call</c>*, then exactly one of <c>done</c> or
/// <c>error</c>. Token text is copied from the upstream line as escaped JSON bytes. With a coalescing window, tokens
/// are held and merged into one event (their escaped texts simply concatenate).
/// </summary>
internal sealed class SseStreamFormat(string requestId, string model, TimeProvider time, bool coalesce) : IStreamFormat, IDisposable
{
    private readonly SseEventWriter _events = new();
    private readonly ArrayBufferWriter<byte> _pendingContent = new();
    private readonly ArrayBufferWriter<byte> _pendingThinking = new();
    private long _tokenIndex;
    private int _pendingTokens;

    public string ContentType => "text/event-stream";

    public bool SupportsHeartbeat => true;

    public bool HasPending => _pendingTokens > 0;

    public void WriteStart(IBufferWriter<byte> output) =>
        _events.Write(
            output, RelayEventTypes.Start, new RelayStartEvent(requestId, model, OllamaTimestamp.Format(time.GetUtcNow())),
            ProtocolJson.Context.RelayStartEvent);

    public void WriteChunk(IBufferWriter<byte> output, in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        if (chunk.HasContent || chunk.HasThinking)
        {
            if (coalesce)
            {
                _pendingContent.Write(chunk.ContentRaw);
                _pendingThinking.Write(chunk.ThinkingRaw);
                _pendingTokens++;
            }
            else
            {
                WriteToken(output, chunk.ContentRaw, chunk.ThinkingRaw);
            }
        }

        if (chunk.HasToolCalls)
        {
            FlushPending(output);
            WriteToolCalls(output, chunk.ToolCallsJson);
        }
    }

    public void WriteDone(IBufferWriter<byte> output, DoneSummary done, StreamTiming timing)
    {
        FlushPending(output);
        // llama-server's native chat path (Ollama 0.30+) sends every tool call on the done line, after a silent stretch.
        if (done.RawLine.AsSpan().IndexOf("\"tool_calls\""u8) >= 0
            && new OllamaChunkScanner(OllamaEndpoint.Chat).Scan(done.RawLine, 0) is { HasToolCalls: true } last)
        {
            WriteToolCalls(output, last.ToolCallsJson);
        }

        var ttft = timing.TimeToFirstToken ?? timing.Elapsed;
        var usage = new RelayUsage(done.PromptTokens, done.CompletionTokens);
        var value = new RelayDoneEvent(
            done.DoneReason, usage, Math.Round(ttft.TotalMilliseconds, 3), Math.Round(timing.Elapsed.TotalMilliseconds, 3));
        _events.Write(output, RelayEventTypes.Done, value, ProtocolJson.Context.RelayDoneEvent);
    }

    public void WriteError(IBufferWriter<byte> output, RelayFailure failure)
    {
        FlushPending(output);
        _events.Write(
            output, RelayEventTypes.Error, new RelayErrorEvent(failure.Code, failure.Message, failure.Retryable),
            ProtocolJson.Context.RelayErrorEvent);
    }

    public Task WriteRejectionAsync(HttpContext context, RelayFailure failure) =>
        RefusalResponder.WriteAsync(
            context,
            failure.HttpStatus,
            failure.Code,
            failure.Code,
            failure.Message,
            failure.Retryable,
            failure.RetryAfter);

    public void Dispose() => _events.Dispose();

    public void FlushPending(IBufferWriter<byte> output)
    {
        if (_pendingTokens == 0)
        {
            return;
        }

        WriteToken(output, _pendingContent.WrittenSpan, _pendingThinking.WrittenSpan);
        _pendingTokens = 0;
        _pendingContent.ResetWrittenCount();
        _pendingThinking.ResetWrittenCount();
    }

    private void WriteToken(IBufferWriter<byte> output, ReadOnlySpan<byte> contentRaw, ReadOnlySpan<byte> thinkingRaw)
    {
        _events.BeginEvent(output, RelayEventTypes.Token);
        output.Write("{\"index\":"u8);
        SseEventWriter.WriteNumber(output, _tokenIndex++);
        output.Write(",\"content\":\""u8);
        output.Write(contentRaw);
        output.Write("\""u8);
        if (!thinkingRaw.IsEmpty)
        {
            output.Write(",\"thinking\":\""u8);
            output.Write(thinkingRaw);
            output.Write("\""u8);
        }

        output.Write("}"u8);
        SseEventWriter.EndEvent(output);
    }

    /// <summary>
    /// Ollama sends each call whole: <c>{"id","function":{"index","name","arguments":{...}}}</c>. Rare, so a JsonDocument is fine.
    /// </summary>
    private void WriteToolCalls(IBufferWriter<byte> output, ReadOnlySpan<byte> toolCallsJson)
    {
        using var calls = JsonDocument.Parse(toolCallsJson.ToArray());
        foreach (var call in calls.RootElement.EnumerateArray())
        {
            var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            _events.BeginEvent(output, RelayEventTypes.ToolCall);
            var json = _events.JsonFor(output);
            json.WriteStartObject();
            json.WriteString("id", StringOrNull(call, "id") ?? $"call_{_events.NextId - 1}");
            json.WriteString("name", function.ValueKind == JsonValueKind.Object ? StringOrNull(function, "name") ?? "" : "");
            json.WritePropertyName("arguments");
            if (function.ValueKind == JsonValueKind.Object && function.TryGetProperty("arguments", out var arguments)
                && arguments.ValueKind == JsonValueKind.Object)
            {
                arguments.WriteTo(json);
            }
            else
            {
                json.WriteStartObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.Flush();
            SseEventWriter.EndEvent(output);
        }
    }

    private static string? StringOrNull(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
