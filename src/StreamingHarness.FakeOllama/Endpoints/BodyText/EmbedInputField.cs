using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Where the strings of an embedding body's <c>input</c> lie in the body.</summary>
internal sealed class EmbedInputField
{
    [JsonPropertyName("input")]
    [JsonConverter(typeof(JsonStringRangesConverter))]
    public JsonStringRange[]? Input { get; set; }
}
