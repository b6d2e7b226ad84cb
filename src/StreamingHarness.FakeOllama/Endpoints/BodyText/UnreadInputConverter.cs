using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads an embedding body's <c>input</c> (a string or an array of strings) as a <see cref="JsonElement"/> of the same
/// kind without copying its text: a string reads as <c>""</c>, an array of strings as <c>[]</c> when empty and as
/// <c>[""]</c> otherwise (its kind and emptiness are all the endpoints check before <see cref="BodyInputs"/> takes the
/// texts from the body). Anything else is read as usual, so that a wrong input is refused as before.
/// </summary>
internal sealed class UnreadInputConverter : JsonConverter<JsonElement?>
{
    private static readonly JsonElement EmptyString = JsonElement.Parse("\"\"");
    private static readonly JsonElement NoStrings = JsonElement.Parse("[]");
    private static readonly JsonElement SomeStrings = JsonElement.Parse("[\"\"]");

    public static UnreadInputConverter Instance { get; } = new();

    public override bool HandleNull => true;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return EmptyString;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray when CountStrings(reader) is { } count:
                reader.Skip();
                return count == 0 ? NoStrings : SomeStrings;
            default:
                return JsonElement.ParseValue(ref reader);
        }
    }

    /// <summary>Reads ahead on a copy of the reader: how many strings the array holds, or null if it holds anything else.</summary>
    private static int? CountStrings(Utf8JsonReader ahead)
    {
        var count = 0;
        while (ahead.Read() && ahead.TokenType == JsonTokenType.String)
        {
            count++;
        }

        return ahead.TokenType == JsonTokenType.EndArray ? count : null;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
