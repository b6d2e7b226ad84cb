using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads a JSON value that may be a string (an OpenAI message's content) as <see cref="JsonElement"/> without copying a
/// string: a string reads as the element <c>""</c>, its text left in the body; any other value is read as usual.
/// </summary>
internal sealed class UnreadStringElementConverter : JsonConverter<JsonElement?>
{
    private static readonly JsonElement EmptyString = JsonElement.Parse("\"\"");

    public static UnreadStringElementConverter Instance { get; } = new();

    public override bool HandleNull => true;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => EmptyString,
            JsonTokenType.Null => null,
            _ => JsonElement.ParseValue(ref reader),
        };

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
