using System.Buffers;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Protocol.Streams;
using StreamingHarness.Protocol.Time;
using StreamingHarness.Relay.Refusals;

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
    private int _toolCallsSeen;

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

    /// <summary>One <c>tool_call</c> event per call, read by Protocol's one reader (<see cref="NativeToolCallReader"/>).</summary>
    private void WriteToolCalls(IBufferWriter<byte> output, ReadOnlySpan<byte> toolCallsJson)
    {
        foreach (var call in NativeToolCallReader.Read(toolCallsJson, _toolCallsSeen))
        {
            _toolCallsSeen++;
            _events.BeginEvent(output, RelayEventTypes.ToolCall);
            var json = _events.JsonFor(output);
            json.WriteStartObject();
            json.WriteString("id", call.Id);
            json.WriteString("name", call.Name);
            json.WritePropertyName("arguments");
            call.Arguments.WriteTo(json);
            json.WriteEndObject();
            json.Flush();
            SseEventWriter.EndEvent(output);
        }
    }
}
