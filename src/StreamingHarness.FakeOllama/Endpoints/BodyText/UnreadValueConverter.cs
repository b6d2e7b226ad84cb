using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads a JSON value of any kind (a Responses <c>input</c>, a Messages <c>content</c> or <c>system</c>) as an empty
/// <see cref="JsonElement"/> of the same kind (<c>""</c>, <c>[]</c>, <c>{}</c>, <c>0</c>), skipping it: nothing of it is
/// copied, and the endpoint reads the value where it lies in the body (<see cref="BodyElement"/>). JSON null reads as null.
/// </summary>
internal sealed class UnreadValueConverter : JsonConverter<JsonElement?>
{
    private static readonly JsonElement String = JsonElement.Parse("\"\"");
    private static readonly JsonElement Array = JsonElement.Parse("[]");
    private static readonly JsonElement Object = JsonElement.Parse("{}");
    private static readonly JsonElement Number = JsonElement.Parse("0");
    private static readonly JsonElement True = JsonElement.Parse("true");
    private static readonly JsonElement False = JsonElement.Parse("false");

    public static UnreadValueConverter Instance { get; } = new();

    public override bool HandleNull => true;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonElement? empty = reader.TokenType switch
        {
            JsonTokenType.String => String,
            JsonTokenType.StartArray => Array,
            JsonTokenType.StartObject => Object,
            JsonTokenType.Number => Number,
            JsonTokenType.True => True,
            JsonTokenType.False => False,
            _ => null,
        };
        reader.Skip();
        return empty;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
