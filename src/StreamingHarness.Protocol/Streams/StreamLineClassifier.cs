using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// The one place that says what a stream line is (see <see cref="StreamLineKind"/>), for the recorder, <c>inspect</c>,
/// the load probes and the relay. Read with <see cref="Utf8JsonReader"/> by path, so a <c>content</c> key elsewhere
/// (say <c>logprobs.content</c>) is not mistaken for text; nothing is allocated unless the line is an error or
/// malformed. Output is content, thinking or a tool call, in every framing alike: the same answer streamed natively
/// or through the OpenAI layer has the same TTFT.
/// </summary>
public static class StreamLineClassifier
{
    /// <summary>A native line the caller's scanner has read (the hot path: one scanner per stream, no allocation).</summary>
    public static StreamLine Ndjson(in OllamaChunk chunk)
    {
        if (chunk.Kind == OllamaChunkKind.Error)
        {
            return StreamLine.Error(null, OllamaChunk.Decode(chunk.ErrorRaw));
        }

        if (!Utf8.IsValid(chunk.ContentRaw) || !Utf8.IsValid(chunk.ThinkingRaw))
        {
            return StreamLine.Malformed("the text is not valid UTF-8");
        }

        return new StreamLine
        {
            Kind = chunk.Kind == OllamaChunkKind.Done
                ? StreamLineKind.Terminal
                : OutputKind(chunk.HasContent, chunk.HasThinking, chunk.HasToolCalls),
            HasOutput = chunk.HasOutput,
            CompletionTokens = chunk.EvalCount,
        };
    }

    /// <summary>A native line; a blank one is <see cref="StreamLineKind.Empty"/>, one the scanner rejects is malformed.</summary>
    public static StreamLine Ndjson(ReadOnlySpan<byte> line, OllamaChunkScanner scanner, long lineNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        var json = line.TrimEnd("\r\n"u8);
        if (NdjsonLines.IsBlank(json))
        {
            return StreamLine.Empty;
        }

        try
        {
            return Ndjson(scanner.Scan(json, lineNumber));
        }
        catch (NdjsonFormatException ex)
        {
            return StreamLine.Malformed(ex.Message);
        }
    }

    /// <summary>
    /// The <c>data:</c> payload of an OpenAI SSE event (<c>/v1/chat/completions</c>, <c>/v1/completions</c>):
    /// <c>[DONE]</c> is the terminal (<see cref="OpenAiStreamEnd.IsDoneMarker"/>); text is <c>choices[0].delta.content</c>
    /// or <c>choices[0].text</c>, thinking <c>choices[0].delta.reasoning</c> (Ollama) or <c>reasoning_content</c> (other
    /// servers).
    /// </summary>
    public static StreamLine OpenAiData(ReadOnlySpan<byte> data)
    {
        if (OpenAiStreamEnd.IsDoneMarker(data))
        {
            return new StreamLine { Kind = StreamLineKind.Terminal, CompletionTokens = -1 };
        }

        return Guard(data, static (ref Utf8JsonReader reader) => OpenAiChunkReader.Read(ref reader));
    }

    /// <summary>One event of the relay's SSE contract (<see cref="RelayEventTypes"/>); an unknown event type is empty.</summary>
    public static StreamLine RelayEvent(string eventType, ReadOnlySpan<byte> data) => eventType switch
    {
        RelayEventTypes.Token => Guard(data, static (ref Utf8JsonReader reader) => RelayEventReader.ReadToken(ref reader)),
        RelayEventTypes.ToolCall => new StreamLine { Kind = StreamLineKind.ToolCall, HasOutput = true, CompletionTokens = -1 },
        RelayEventTypes.Done => Guard(data, static (ref Utf8JsonReader reader) => RelayEventReader.ReadDone(ref reader)),
        RelayEventTypes.Error => Guard(data, TypedEventReader.ReadError),
        _ => StreamLine.Empty,
    };

    /// <summary>
    /// One event of a stream whose events are named by type: OpenAI Responses (<c>response.*</c>) or Anthropic Messages
    /// (see <see cref="TypedEventReader"/>). Text deltas are content or thinking, function-call arguments and
    /// <c>input_json_delta</c> tool calls; <c>response.completed</c> and <c>message_stop</c> are the terminals (with the
    /// usage's <c>output_tokens</c> on the completed event and on <c>message_delta</c>); <c>error</c> and
    /// <c>response.failed</c> are errors; every other event is empty.
    /// </summary>
    public static StreamLine TypedEvent(string eventType, ReadOnlySpan<byte> data) =>
        TypedEventReader.For(eventType) is { } read ? Guard(data, read) : StreamLine.Empty;

    /// <summary>
    /// A whole recorded SSE event as it came over the wire (<c>event:</c> and <c>data:</c> lines, its blank line):
    /// without an <c>event:</c> name it is OpenAI's chat or completions stream, with the relay's event names the relay's
    /// contract, with any other name a typed event (<see cref="TypedEvent"/>). No <c>data:</c> field is empty.
    /// </summary>
    public static StreamLine SseEvent(ReadOnlySpan<byte> frame)
    {
        string? eventType = null;
        ReadOnlySpan<byte> data = default;
        var hasData = false;
        foreach (var range in frame.SplitAny("\r\n"u8))
        {
            var field = frame[range];
            if (field.StartsWith("event:"u8))
            {
                eventType = Encoding.UTF8.GetString(FieldValue(field, "event:"u8));
            }
            else if (!hasData && field.StartsWith("data:"u8))
            {
                data = FieldValue(field, "data:"u8);
                hasData = true;
            }
        }

        return !hasData ? StreamLine.Empty
            : eventType is null or "message" ? OpenAiData(data)
            : eventType is RelayEventTypes.Start or RelayEventTypes.Token or RelayEventTypes.ToolCall or RelayEventTypes.Done
                ? RelayEvent(eventType, data)
            : TypedEvent(eventType, data);
    }

    internal static StreamLineKind OutputKind(bool content, bool thinking, bool toolCall) =>
        content ? StreamLineKind.Content
        : thinking ? StreamLineKind.Thinking
        : toolCall ? StreamLineKind.ToolCall
        : StreamLineKind.Empty;

    private static ReadOnlySpan<byte> FieldValue(ReadOnlySpan<byte> field, ReadOnlySpan<byte> name)
    {
        var value = field[name.Length..];
        return value.StartsWith(" "u8) ? value[1..] : value;
    }

    private static StreamLine Guard(ReadOnlySpan<byte> json, StreamLineReader read)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return StreamLine.Malformed("the data is not a JSON object (data starts: " + Snippet(json) + ")");
            }

            return read(ref reader);
        }
        catch (JsonException ex)
        {
            return StreamLine.Malformed("the data is not valid JSON: " + ex.Message + " (data starts: " + Snippet(json) + ")");
        }
    }

    private static string Snippet(ReadOnlySpan<byte> json) => Encoding.UTF8.GetString(json[..Math.Min(json.Length, 80)]);
}
