using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.Native.ChatBody;

/// <summary>
/// Reads a JSON string as its <see cref="JsonStringRange"/>. Offsets are the reader's, so they hold for a document
/// deserialized from a span that starts with the value (<see cref="ChatBodyReader"/> skips the whitespace before it).
/// </summary>
internal sealed class JsonStringRangeConverter : JsonConverter<JsonStringRange>
{
    public override JsonStringRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String =>
                new JsonStringRange(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, reader.ValueIsEscaped),
            JsonTokenType.Null => default,
            _ => throw new JsonException(),
        };

    public override void Write(Utf8JsonWriter writer, JsonStringRange value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
