using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

public sealed class ModelDetails
{
    [JsonPropertyName("parent_model")] public string ParentModel { get; set; } = "";
    [JsonPropertyName("format")] public string Format { get; set; } = "gguf";
    [JsonPropertyName("family")] public string Family { get; set; } = "";
    [JsonPropertyName("families")] public IList<string>? Families { get; set; }
    [JsonPropertyName("parameter_size")] public string ParameterSize { get; set; } = "";
    [JsonPropertyName("quantization_level")] public string QuantizationLevel { get; set; } = "";

    /// <summary>Listed by <c>/api/tags</c> since Ollama 0.33 (omitted when 0).</summary>
    [JsonPropertyName("context_length")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ContextLength { get; set; }

    [JsonPropertyName("embedding_length")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int EmbeddingLength { get; set; }
}
