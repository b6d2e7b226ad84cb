using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads an OpenAI message's content as <see cref="ContentParts"/>, the way the fake has read it as a
/// <see cref="JsonElement"/>: a part is an object whose last <c>type</c> key (matched exactly, as
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> does) is the string <c>text</c> or
/// <c>image_url</c>; its last <c>text</c>, or <c>image_url</c>'s last <c>url</c>, is the value. Anything else is skipped.
/// </summary>
internal sealed class ContentPartsConverter : JsonConverter<ContentParts>
{
    private enum PartType
    {
        Other,
        Text,
        ImageUrl,
    }

    public override ContentParts? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var parts = new ContentParts();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                parts.Texts.Add(Range(ref reader));
                return parts;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadPart(ref reader, parts);
                }

                return parts;
            default:
                reader.Skip();
                return null;
        }
    }

    private static void ReadPart(ref Utf8JsonReader reader, ContentParts parts)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var start = checked((int)reader.TokenStartIndex);
        var type = PartType.Other;
        JsonStringRange? text = null;
        JsonStringRange? url = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType != JsonTokenType.String ? PartType.Other
                    : reader.ValueTextEquals("text"u8) ? PartType.Text
                    : reader.ValueTextEquals("image_url"u8) ? PartType.ImageUrl
                    : PartType.Other;
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = reader.TokenType == JsonTokenType.String ? Range(ref reader) : null;
            }
            else if (reader.ValueTextEquals("image_url"u8))
            {
                reader.Read();
                url = reader.TokenType == JsonTokenType.StartObject ? Url(ref reader) : null;
            }

            reader.Skip();
        }

        if (type == PartType.Text)
        {
            parts.Texts.Add(text ?? new JsonStringRange(start, 0, IsEscaped: false));
        }
        else if (type == PartType.ImageUrl)
        {
            parts.ImageUrls.Add(url ?? default);
        }
    }

    /// <summary>The last <c>url</c> of an <c>image_url</c> object, if it is a string; leaves the reader on the object's end.</summary>
    private static JsonStringRange? Url(ref Utf8JsonReader reader)
    {
        JsonStringRange? url = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUrl = reader.ValueTextEquals("url"u8);
            reader.Read();
            if (isUrl)
            {
                url = reader.TokenType == JsonTokenType.String ? Range(ref reader) : null;
            }

            reader.Skip();
        }

        return url;
    }

    private static JsonStringRange Range(ref Utf8JsonReader reader) =>
        new(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, reader.ValueIsEscaped);

    public override void Write(Utf8JsonWriter writer, ContentParts value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
