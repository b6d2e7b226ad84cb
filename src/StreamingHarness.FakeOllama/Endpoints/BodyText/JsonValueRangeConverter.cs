using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads any JSON value (<c>null</c> too) as its <see cref="JsonValueRange"/>, skipping it. Offsets are the reader's, as
/// for <see cref="JsonStringRangeConverter"/>.
/// </summary>
internal sealed class JsonValueRangeConverter : JsonConverter<JsonValueRange>
{
    public override bool HandleNull => true;

    public override JsonValueRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return new JsonValueRange(start, checked((int)reader.BytesConsumed) - start);
    }

    public override void Write(Utf8JsonWriter writer, JsonValueRange value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");
}
