using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads a JSON string as its <see cref="JsonStringRange"/>. Offsets are the reader's, so they hold for a document
/// deserialized from a span that starts with the value (<see cref="BodyPrompt"/> skips the whitespace before it).
/// </summary>
internal sealed class JsonStringRangeConverter : JsonConverter<JsonStringRange>
{
    public override JsonStringRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String =>
                new JsonStringRange(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, reader.ValueIsEscaped),
            JsonTokenType.Null => default,
            _ => NotAString(ref reader),
        };

    /// <summary>
    /// An OpenAI message's content may be an array of parts: it is not text in place, and the request type has read it.
    /// </summary>
    private static JsonStringRange NotAString(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return default;
    }

    public override void Write(Utf8JsonWriter writer, JsonStringRange value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
