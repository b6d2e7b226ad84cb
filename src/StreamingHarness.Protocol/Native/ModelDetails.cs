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
}
