using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads a JSON value that may be a string or an array of parts (an OpenAI message's content) as
/// <see cref="JsonElement"/> without copying text: a string reads as the element <c>""</c> and an array as <c>[]</c>,
/// their text left in the body (<see cref="OpenAiContents"/> reads it there); any other value is read as usual.
/// </summary>
internal sealed class UnreadStringElementConverter : JsonConverter<JsonElement?>
{
    private static readonly JsonElement EmptyString = JsonElement.Parse("\"\"");

    private static readonly JsonElement EmptyArray = JsonElement.Parse("[]");

    public static UnreadStringElementConverter Instance { get; } = new();

    public override bool HandleNull => true;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => EmptyString,
            JsonTokenType.Null => null,
            JsonTokenType.StartArray => Skipped(ref reader, EmptyArray),
            _ => JsonElement.ParseValue(ref reader),
        };

    private static JsonElement Skipped(ref Utf8JsonReader reader, JsonElement element)
    {
        reader.Skip();
        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
