using System.Text.Json;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// The one reader of an error body, for HTTP error answers and in-stream error events alike: Ollama's
/// <c>{"error":"…"}</c> or OpenAI's <c>{"error":{"message":"…","code":…}}</c>. As Go's client reads Ollama's, an
/// <c>error</c> that is <c>null</c> or <c>""</c> is no error. An object without a string <c>message</c>, or any other
/// value, is still an error, and its JSON text is the message, so nothing the server said is lost. A <c>code</c> is
/// kept when it is a string or a number. (The native ndjson scanner reads Ollama's in-band error line as a view of the
/// line instead, on the hot path: there Ollama only ever sends a string.) Errors are rare, so this allocates freely.
/// </summary>
public static class ErrorBody
{
    /// <summary>
    /// Reads the value of the <c>error</c> property whose name <paramref name="reader"/> is on, and moves past it.
    /// False when it is no error (<c>null</c>, <c>""</c>).
    /// </summary>
    public static bool TryReadValue(ref Utf8JsonReader reader, out string? code, out string message)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty))
        {
            code = null;
            message = "";
            return false;
        }

        using var error = JsonDocument.ParseValue(ref reader);
        (code, message) = Read(error.RootElement);
        return true;
    }

    /// <summary>
    /// The message of a whole body when it is an error body (a JSON object with a top-level <c>error</c>); null when it
    /// is not one, so the caller can show the body itself.
    /// </summary>
    public static string? MessageOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    return TryReadValue(ref reader, out _, out var message) ? message : null;
                }

                reader.Read();
                reader.Skip();
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or text that is not UTF-8: not an error body.
            return null;
        }
    }

    private static (string? Code, string Message) Read(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => (null, error.GetString()!),
        JsonValueKind.Object => (CodeOf(error), error.TryGetProperty("message", out var message)
            && message.ValueKind == JsonValueKind.String ? message.GetString()! : error.GetRawText()),
        _ => (null, error.GetRawText()),
    };

    private static string? CodeOf(JsonElement error) =>
        error.TryGetProperty("code", out var code) && code.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? code.ValueKind == JsonValueKind.String ? code.GetString() : code.GetRawText()
            : null;
}
