using System.Buffers;
using System.Text.Json;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Protocol.Native;

/// <summary>
/// The one writer of Ollama's <c>{"error":"…"}</c>, as gin writes it: compact, escaped as Go escapes
/// (a lone surrogate becomes U+FFFD), no trailing newline. The same bytes are an HTTP error body and, with a
/// <c>\n</c> after them, an in-band ndjson error line.
/// </summary>
public static class OllamaErrorBody
{
    /// <summary>gin's <c>c.JSON</c> content type.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public static void Write(IBufferWriter<byte> output, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var json = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        json.WriteStartObject();
        json.WriteString("error"u8, message);
        json.WriteEndObject();
    }

    public static byte[] ToUtf8(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Length + 16);
        Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }
}
