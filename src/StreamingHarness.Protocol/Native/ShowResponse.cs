using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

public sealed class ShowResponse
{
    [JsonPropertyName("modelfile")] public string Modelfile { get; set; } = "";
    [JsonPropertyName("parameters")] public string Parameters { get; set; } = "";
    [JsonPropertyName("template")] public string Template { get; set; } = "";
    [JsonPropertyName("details")] public ModelDetails Details { get; set; } = new();
    /// <summary>Never null: several integrations crash on a null model_info.</summary>
    [JsonPropertyName("model_info")] public JsonObject ModelInfo { get; set; } = [];
    [JsonPropertyName("capabilities")] public IList<string> Capabilities { get; set; } = [];
    [JsonPropertyName("modified_at")] public string ModifiedAt { get; set; } = "";
}
