using System.Text.Json;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// The answer text of an SSE line, read by the same paths as <see cref="StreamLineClassifier"/>, for the callers that
/// keep the text (verify checks tokens in order). Kept apart so that the classifier never allocates it: a load run
/// does not call this. A payload that is not a JSON object, or has no text there, gives null (the classifier says why).
/// </summary>
public static class StreamLineText
{
    /// <summary>An OpenAI chunk's <c>choices[0].delta.content</c> (or <c>message.content</c>) or <c>choices[0].text</c>.</summary>
    public static string? OpenAiContent(ReadOnlySpan<byte> data) => Guard(data, static (ref Utf8JsonReader reader) =>
    {
        string? text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("choices"u8))
            {
                JsonFields.SkipValue(ref reader);
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    text ??= reader.TokenType == JsonTokenType.StartObject ? ReadContent(ref reader) : Skip(ref reader);
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    text ??= JsonFields.ReadString(ref reader);
                }
                else
                {
                    JsonFields.SkipValue(ref reader);
                }
            }

            return text;
        }

        return text;
    });

    /// <summary>
    /// A typed event's text delta: Responses' top-level <c>delta</c> string, Anthropic's <c>delta.text</c> (call it for an
    /// event <see cref="StreamLineClassifier.TypedEvent"/> says is content).
    /// </summary>
    public static string? TypedEventDelta(ReadOnlySpan<byte> data) => Guard(data, static (ref Utf8JsonReader reader) =>
    {
        string? text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("delta"u8))
            {
                JsonFields.SkipValue(ref reader);
                continue;
            }

            reader.Read();
            text = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.StartObject => ReadField(ref reader, "text"u8),
                _ => Skip(ref reader),
            };
        }

        return string.IsNullOrEmpty(text) ? null : text;
    });

    /// <summary>A relay <c>token</c> event's <c>content</c>.</summary>
    public static string? RelayTokenContent(ReadOnlySpan<byte> data) =>
        Guard(data, static (ref Utf8JsonReader reader) => ReadContent(ref reader));

    /// <summary>Reads the object the reader has just entered, to its end, for its <c>content</c> string.</summary>
    private static string? ReadContent(ref Utf8JsonReader reader) => ReadField(ref reader, "content"u8);

    /// <summary>Reads the object the reader has just entered, to its end, for the string <paramref name="name"/>.</summary>
    private static string? ReadField(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        string? content = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                content = JsonFields.ReadString(ref reader);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return string.IsNullOrEmpty(content) ? null : content;
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private delegate string? ReadPayload(ref Utf8JsonReader reader);

    private static string? Guard(ReadOnlySpan<byte> json, ReadPayload read)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject ? read(ref reader) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
