using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary>
/// Body of <c>POST /v1/embeddings</c> (Ollama's <c>openai.EmbedRequest</c>, whose name its type errors quote):
/// <c>input</c> a string or an array of strings, <c>encoding_format</c> <c>float</c> (default) or <c>base64</c>.
/// </summary>
public sealed class EmbedRequest
{
    [JsonPropertyName("input")] public JsonElement? Input { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }

    [JsonPropertyName("dimensions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Dimensions { get; set; }

    [JsonPropertyName("encoding_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EncodingFormat { get; set; }
}
