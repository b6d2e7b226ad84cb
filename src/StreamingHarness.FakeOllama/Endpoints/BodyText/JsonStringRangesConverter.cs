using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads a string, or an array of them, as their <see cref="JsonStringRange"/>s: one for a string, one per element of an
/// array. An element that is not a string reads as an empty range (the endpoint has refused such a body already).
/// </summary>
internal sealed class JsonStringRangesConverter : JsonConverter<JsonStringRange[]>
{
    private static readonly JsonStringRangeConverter Element = new();

    public override JsonStringRange[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return [Element.Read(ref reader, typeof(JsonStringRange), options)];
        }

        var ranges = new List<JsonStringRange>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ranges.Add(Element.Read(ref reader, typeof(JsonStringRange), options));
        }

        return [.. ranges];
    }

    public override void Write(Utf8JsonWriter writer, JsonStringRange[] value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
