using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads a JSON string as "" without decoding it: the type is checked as usual (anything but a string or null fails
/// the way System.Text.Json's own string converter fails, at the same path), the text is left in the body.
/// </summary>
internal sealed class UnreadStringConverter : JsonConverter<string>
{
    public static UnreadStringConverter Instance { get; } = new();

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? "" : throw new JsonException();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
