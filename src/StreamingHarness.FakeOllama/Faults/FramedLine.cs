using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// Takes a framed line apart (ndjson <c>{…}\n</c> or SSE <c>data: {…}\n\n</c>) and puts edited JSON back in the same
/// framing. Faults only; allocating here is fine because it happens once per fired fault, not per token.
/// </summary>
internal static class FramedLine
{
    private static readonly byte[] SsePrefix = "data: "u8.ToArray();

    /// <summary>The JSON document inside the frame, or empty when the line is not JSON (the <c>[DONE]</c> marker).</summary>
    public static ReadOnlyMemory<byte> Json(StreamFraming framing, ReadOnlyMemory<byte> line)
    {
        var json = line;
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

    /// <summary>Frames raw JSON bytes (valid or not) the way <paramref name="framing"/> frames a line.</summary>
    public static byte[] Frame(StreamFraming framing, ReadOnlySpan<byte> json, bool crlf = false)
    {
        var end = framing == StreamFraming.Sse ? (crlf ? "\r\n\r\n"u8 : "\n\n"u8) : (crlf ? "\r\n"u8 : "\n"u8);
        var prefix = framing == StreamFraming.Sse ? SsePrefix : [];
        return [.. prefix, .. json, .. end];
    }

    /// <summary>Serializes with the wire encoder (UTF-8 kept, Go's escapes) and frames the result.</summary>
    public static byte[] Frame(StreamFraming framing, JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder }))
        {
            node.WriteTo(writer);
        }

        return Frame(framing, buffer.WrittenSpan);
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

        if (root.ContainsKey("response"))
        {
            return (root, "response");
        }

        if (root["choices"] is JsonArray { Count: > 0 } choices && choices[0]?["delta"] is JsonObject delta)
        {
            return (delta, "content");
        }

        return null;
    }

    /// <summary>
    /// Frames <paramref name="root"/> with a marker at the end of its text (after the text when
    /// <paramref name="keepText"/>, instead of it otherwise) and says where the marker is, so a fault can splice in
    /// bytes no serializer would write: a filler of megabytes, or bytes that are not UTF-8.
    /// </summary>
    public static (byte[] Framed, int At, int Length) FrameWithTextSlot(StreamFraming framing, JsonObject root, bool keepText)
    {
        const string Marker = "\u0001slot\u0001";
        var (holder, key) = TextOf(root) ?? throw new ArgumentException("The line has no text to put a slot in.", nameof(root));
        holder[key] = (keepText ? holder[key]?.GetValue<string>() : null) + Marker;
        var framed = Frame(framing, root);
        var escaped = JsonSerializer.SerializeToUtf8Bytes(Marker, ProtocolJson.Options)[1..^1];
        return (framed, framed.AsSpan().IndexOf(escaped), escaped.Length);
    }

    /// <summary>A copy of a token line that carries no text: Ollama never sends one, some servers and proxies do.</summary>
    public static byte[]? EmptyTextCopy(StreamFraming framing, ReadOnlyMemory<byte> line)
    {
        if (Parse(framing, line) is not { } root || TextOf(root) is not var (holder, key))
        {
            return null;
        }

        holder[key] = "";
        holder.Remove("thinking");
        holder.Remove("reasoning");
        holder.Remove("tool_calls");
        root.Remove("thinking");
        if (root.ContainsKey("choices"))
        {
            // An OpenAI delta names the role on the first chunk only; a native message always carries it.
            holder.Remove("role");
        }

        return Frame(framing, root);
    }
}
