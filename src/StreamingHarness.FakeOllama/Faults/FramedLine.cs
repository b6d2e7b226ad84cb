using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// Takes a framed line apart (ndjson <c>{…}\n</c>, SSE <c>data: {…}\n\n</c>, or with an event name
/// <c>event: type\ndata: {…}\n\n</c> as Responses and Anthropic Messages frame them) and puts edited JSON back in the
/// same framing, under the same event name. Faults only; allocating here is fine because it happens once per fired
/// fault, not per token.
/// </summary>
internal static class FramedLine
{
    private static readonly byte[] SsePrefix = "data: "u8.ToArray();
    private static readonly byte[] EventPrefix = "event:"u8.ToArray();

    /// <summary>The <c>event: type</c> line of a named SSE event, without its line end; empty for any other line.</summary>
    public static ReadOnlyMemory<byte> EventLine(StreamFraming framing, ReadOnlyMemory<byte> line)
    {
        if (framing != StreamFraming.Sse || !line.Span.StartsWith(EventPrefix))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var end = line.Span.IndexOf((byte)'\n');
        return end < 0 ? line : line[..(end > 0 && line.Span[end - 1] == (byte)'\r' ? end - 1 : end)];
    }

    /// <summary>The JSON document inside the frame, or empty when the line is not JSON (the <c>[DONE]</c> marker).</summary>
    public static ReadOnlyMemory<byte> Json(StreamFraming framing, ReadOnlyMemory<byte> line)
    {
        var json = line;
        if (EventLine(framing, line) is { IsEmpty: false } eventLine)
        {
            json = json[eventLine.Length..].TrimStart("\r\n"u8);
        }

        if (framing == StreamFraming.Sse && json.Span.StartsWith(SsePrefix))
        {
            json = json[SsePrefix.Length..];
        }

        var end = json.Length;
        while (end > 0 && json.Span[end - 1] is (byte)'\n' or (byte)'\r')
        {
            end--;
        }

        json = json[..end];
        return json.Length > 0 && json.Span[0] == (byte)'{' ? json : ReadOnlyMemory<byte>.Empty;
    }

    public static JsonObject? Parse(StreamFraming framing, ReadOnlyMemory<byte> line)
    {
        var json = Json(framing, line);
        return json.IsEmpty ? null : JsonNode.Parse(json.Span) as JsonObject;
    }

    /// <summary>
    /// Frames raw JSON bytes (valid or not) the way <paramref name="framing"/> frames a line, under the event name of
    /// <paramref name="sample"/> when it has one.
    /// </summary>
    public static byte[] Frame(StreamFraming framing, ReadOnlySpan<byte> json, bool crlf = false, ReadOnlyMemory<byte> sample = default)
    {
        var newline = crlf ? "\r\n"u8 : "\n"u8;
        var end = framing == StreamFraming.Sse ? (crlf ? "\r\n\r\n"u8 : "\n\n"u8) : newline;
        var eventLine = EventLine(framing, sample);
        byte[] prefix = framing != StreamFraming.Sse ? [] : eventLine.IsEmpty ? SsePrefix : [.. eventLine.Span, .. newline, .. SsePrefix];
        return [.. prefix, .. json, .. end];
    }

    /// <summary>Serializes with the wire encoder (UTF-8 kept, Go's escapes) and frames the result like <paramref name="sample"/>.</summary>
    public static byte[] Frame(StreamFraming framing, JsonNode node, ReadOnlyMemory<byte> sample = default)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder }))
        {
            node.WriteTo(writer);
        }

        return Frame(framing, buffer.WrittenSpan, sample: sample);
    }

    /// <summary>
    /// The object and key holding the line's text: <c>message.content</c> (chat), <c>response</c> (generate) or
    /// <c>choices[0].delta.content</c> (OpenAI). Null when the line has none (a usage chunk, for instance).
    /// </summary>
    public static (JsonObject Holder, string Key)? TextOf(JsonObject root)
    {
        if (root["message"] is JsonObject message)
        {
            return (message, "content");
        }

        if (root["response"] is JsonValue)
        {
            return (root, "response");
        }

        if (root["choices"] is JsonArray { Count: > 0 } choices && choices[0] is JsonObject choice)
        {
            // Chat completions carry a delta; text completions carry the text on the choice.
            return choice["delta"] is JsonObject delta ? (delta, "content") : choice.ContainsKey("text") ? (choice, "text") : null;
        }

        return root["delta"] switch
        {
            // Responses: the token is the event's delta string; Anthropic: the delta object's text or thinking.
            JsonValue => (root, "delta"),
            JsonObject delta when delta.ContainsKey("thinking") => (delta, "thinking"),
            JsonObject delta when delta.ContainsKey("text") => (delta, "text"),
            _ => null,
        };
    }

    /// <summary>
    /// Frames <paramref name="root"/> like <paramref name="sample"/> with a marker at the end of its text (after the text
    /// when <paramref name="keepText"/>, instead of it otherwise) and says where the marker is, so a fault can splice in
    /// bytes no serializer would write: a filler of megabytes, or bytes that are not UTF-8.
    /// </summary>
    public static (byte[] Framed, int At, int Length) FrameWithTextSlot(
        StreamFraming framing, JsonObject root, bool keepText, ReadOnlyMemory<byte> sample)
    {
        const string Marker = "\u0001slot\u0001";
        var (holder, key) = TextOf(root) ?? throw new ArgumentException("The line has no text to put a slot in.", nameof(root));
        holder[key] = (keepText ? holder[key]?.GetValue<string>() : null) + Marker;
        var framed = Frame(framing, root, sample);
        var escaped = Encoding.UTF8.GetBytes(JsonValue.Create(Marker).ToJsonString(ProtocolJson.Options))[1..^1];
        return (framed, framed.AsSpan().IndexOf(escaped), escaped.Length);
    }

    /// <summary>A copy of a token line that carries no text: Ollama never sends one, some servers and proxies do.</summary>
    public static byte[]? EmptyTextCopy(StreamFraming framing, ReadOnlyMemory<byte> line)
    {
        if (Parse(framing, line) is not { } root || TextOf(root) is not var (holder, key))
        {
            return null;
        }

        foreach (var other in (string[])["thinking", "reasoning", "tool_calls"])
        {
            if (other != key)
            {
                holder.Remove(other);
                root.Remove(other);
            }
        }

        holder[key] = "";
        if (root.ContainsKey("choices"))
        {
            // An OpenAI delta names the role on the first chunk only; a native message always carries it.
            holder.Remove("role");
        }

        return Frame(framing, root, line);
    }
}
