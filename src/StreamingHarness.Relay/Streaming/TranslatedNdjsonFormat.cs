using System.Buffers;
using System.Text.Json;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Time;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Ollama's own <c>/api/chat</c> and <c>/api/generate</c> answers, written from the chunks of an upstream that is not
/// Ollama (the OpenAI facade): one line per chunk as Ollama writes it (<c>created_at</c> in Go's format, text escaped
/// as Go escapes it), a final line with <c>done_reason</c>, the upstream's counts and the durations the relay
/// measured, and an in-band <c>{"error":"..."}</c> line for a failure after the first line. With <c>stream:false</c>
/// the answer is held and written as one JSON object at the end, so a failure is still a real HTTP status.
/// </summary>
internal sealed class TranslatedNdjsonFormat(OllamaEndpoint endpoint, string model, bool stream, TimeProvider time) : IStreamFormat
{
    private readonly byte[] _model = JsonEncodedText.Encode(model, GoJsonEncoder.Instance).EncodedUtf8Bytes.ToArray();
    private readonly ArrayBufferWriter<byte> _content = new(stream ? 1 : 1024);
    private readonly ArrayBufferWriter<byte> _thinking = new(stream ? 1 : 256);
    private readonly List<ToolCall> _toolCalls = [];

    public string ContentType => stream ? "application/x-ndjson" : OllamaErrorBody.ContentType;

    public bool SupportsHeartbeat => false;

    public bool HasPending => false;

    public bool DefersOutput => !stream;

    public void WriteStart(IBufferWriter<byte> output)
    {
    }

    public void WriteChunk(IBufferWriter<byte> output, in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        if (!stream)
        {
            // Escaped texts concatenate into one escaped text; decoded once, at the end.
            _content.Write(chunk.ContentRaw);
            _thinking.Write(chunk.ThinkingRaw);
            if (chunk.HasToolCalls)
            {
                _toolCalls.AddRange(JsonSerializer.Deserialize(chunk.ToolCallsJson, ProtocolJson.Context.IListToolCall) ?? []);
            }

            return;
        }

        WriteHead(output);
        if (endpoint == OllamaEndpoint.Chat)
        {
            output.Write("\"message\":{\"role\":\"assistant\",\"content\":\""u8);
            output.Write(chunk.ContentRaw);
            output.Write("\""u8);
            WriteThinking(output, chunk.ThinkingRaw);
            if (chunk.HasToolCalls)
            {
                output.Write(",\"tool_calls\":"u8);
                output.Write(chunk.ToolCallsJson);
            }

            output.Write("}"u8);
        }
        else
        {
            output.Write("\"response\":\""u8);
            output.Write(chunk.ContentRaw);
            output.Write("\""u8);
            WriteThinking(output, chunk.ThinkingRaw);
        }

        output.Write(",\"done\":false}\n"u8);
    }

    public void FlushPending(IBufferWriter<byte> output)
    {
    }

    /// <summary>
    /// Once per stream, so the wire types are serialized. The durations are the relay's: total from the request to the
    /// end, prompt evaluation until the first token, evaluation after it; no load time is known, so none is written.
    /// </summary>
    public void WriteDone(IBufferWriter<byte> output, DoneSummary done, StreamTiming timing)
    {
        var ttft = timing.TimeToFirstToken ?? timing.Elapsed;
        IGenerationMetrics metrics;
        using var json = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        var createdAt = OllamaTimestamp.Format(time.GetUtcNow());
        if (endpoint == OllamaEndpoint.Chat)
        {
            var message = new ChatMessage
            {
                Content = Text(_content) ?? "",
                Thinking = Text(_thinking),
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls,
            };
            var response = new ChatResponse
            {
                Model = model, CreatedAt = createdAt, Message = message, Done = true, DoneReason = done.DoneReason,
            };
            metrics = response;
            Measure(metrics, done, ttft, timing.Elapsed);
            JsonSerializer.Serialize(json, response, ProtocolJson.FastPath(ProtocolJson.Context.ChatResponse));
        }
        else
        {
            var response = new GenerateResponse
            {
                Model = model, CreatedAt = createdAt, Response = Text(_content) ?? "", Thinking = Text(_thinking),
                Done = true, DoneReason = done.DoneReason,
            };
            metrics = response;
            Measure(metrics, done, ttft, timing.Elapsed);
            JsonSerializer.Serialize(json, response, ProtocolJson.FastPath(ProtocolJson.Context.GenerateResponse));
        }

        json.Flush();
        if (stream)
        {
            output.Write("\n"u8);
        }
    }

    public void WriteError(IBufferWriter<byte> output, RelayFailure failure)
    {
        OllamaErrorBody.Write(output, failure.Message);
        output.Write("\n"u8);
    }

    public Task WriteRejectionAsync(HttpContext context, RelayFailure failure) =>
        RefusalResponder.WriteAsync(
            context, failure.HttpStatus, failure.Code, failure.Code, failure.Message, failure.Retryable, failure.RetryAfter);

    private static void Measure(IGenerationMetrics metrics, DoneSummary done, TimeSpan ttft, TimeSpan elapsed)
    {
        metrics.TotalDuration = Nanoseconds(elapsed);
        metrics.PromptEvalCount = done.PromptTokens;
        metrics.PromptEvalDuration = Nanoseconds(ttft);
        metrics.EvalCount = done.CompletionTokens;
        metrics.EvalDuration = Nanoseconds(elapsed - ttft);
    }

    private static long Nanoseconds(TimeSpan value) => Math.Max(0, value.Ticks) * 100;

    private static string? Text(ArrayBufferWriter<byte> escaped) =>
        escaped.WrittenCount == 0 ? null : OllamaChunk.Decode(escaped.WrittenSpan);

    private void WriteHead(IBufferWriter<byte> output)
    {
        output.Write("{\"model\":\""u8);
        output.Write(_model);
        output.Write("\",\"created_at\":\""u8);
        var span = output.GetSpan(OllamaTimestamp.MaxLength);
        output.Advance(OllamaTimestamp.Write(time.GetUtcNow(), span));
        output.Write("\","u8);
    }

    private static void WriteThinking(IBufferWriter<byte> output, ReadOnlySpan<byte> thinkingRaw)
    {
        if (!thinkingRaw.IsEmpty)
        {
            output.Write(",\"thinking\":\""u8);
            output.Write(thinkingRaw);
            output.Write("\""u8);
        }
    }
}
