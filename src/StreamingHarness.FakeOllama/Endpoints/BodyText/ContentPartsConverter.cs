using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads an OpenAI message's content as <see cref="ContentParts"/>, as Ollama's middleware reads the <c>any</c> Go decoded
/// it to (<c>openai/openai.go:559-613</c> at v0.33.0-rc2): a part is an object (a Go map: keys matched exactly, the last of
/// duplicates wins) whose <c>type</c> is the string <c>text</c>, <c>image_url</c> or <c>input_audio</c>; its <c>text</c>
/// must be a string, its <c>image_url</c> a string or an object with a string <c>url</c>, its <c>input_audio</c> an object
/// with a string <c>data</c>. Anything else is a part with the middleware's error. No text is copied.
/// </summary>
internal sealed class ContentPartsConverter : JsonConverter<ContentParts>
{
    private const string AudioNotAnObject = "invalid input_audio format";

    private const string AudioDataNotAString = "invalid input_audio format: missing data";

    private enum PartType
    {
        Other,
        Text,
        ImageUrl,
        InputAudio,
    }

    public override ContentParts? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = new ContentParts();
                text.Parts.Add(new ContentPart(ContentPartKind.Text, Range(ref reader)));
                return text;
            case JsonTokenType.StartArray:
                var parts = new ContentParts();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    parts.Parts.Add(ReadPart(ref reader));
                }

                return parts;
            default:
                var goType = reader.TokenType switch
                {
                    JsonTokenType.StartObject => "map[string]interface {}",
                    JsonTokenType.True or JsonTokenType.False => "bool",
                    _ => "float64",
                };
                reader.Skip();
                return new ContentParts { OtherGoType = goType };
        }
    }

    private static ContentPart ReadPart(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return ContentPart.Invalid(ContentPart.InvalidFormat);
        }

        var type = PartType.Other;
        JsonStringRange? text = null;
        JsonStringRange? url = null;
        ContentPart audio = ContentPart.Invalid(AudioNotAnObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType != JsonTokenType.String ? PartType.Other
                    : reader.ValueTextEquals("text"u8) ? PartType.Text
                    : reader.ValueTextEquals("image_url"u8) ? PartType.ImageUrl
                    : reader.ValueTextEquals("input_audio"u8) ? PartType.InputAudio
                    : PartType.Other;
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("image_url"u8))
            {
                reader.Read();
                url = reader.TokenType == JsonTokenType.StartObject ? Member(ref reader, "url"u8) : StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("input_audio"u8))
            {
                reader.Read();
                audio = reader.TokenType != JsonTokenType.StartObject ? ContentPart.Invalid(AudioNotAnObject)
                    : Member(ref reader, "data"u8) is { } data ? new ContentPart(ContentPartKind.InputAudio, data)
                    : ContentPart.Invalid(AudioDataNotAString);
            }

            reader.Skip();
        }

        return type switch
        {
            PartType.Text when text is { } value => new ContentPart(ContentPartKind.Text, value),
            PartType.ImageUrl when url is { } value => new ContentPart(ContentPartKind.ImageUrl, value),
            PartType.InputAudio => audio,
            _ => ContentPart.Invalid(ContentPart.InvalidFormat),
        };
    }

    /// <summary>The last <paramref name="name"/> of an object, if it is a string; leaves the reader on the object's end.</summary>
    private static JsonStringRange? Member(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        JsonStringRange? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals(name);
            reader.Read();
            if (isName)
            {
                value = StringRange(ref reader);
            }

            reader.Skip();
        }

        return value;
    }

    private static JsonStringRange? StringRange(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? Range(ref reader) : null;

    private static JsonStringRange Range(ref Utf8JsonReader reader) =>
        new(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, reader.ValueIsEscaped);

    public override void Write(Utf8JsonWriter writer, ContentParts value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
