using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary><c>GET /api/tags</c>. An empty list is <c>[]</c>, never null.</summary>
public sealed class TagsResponse
{
    [JsonPropertyName("models")] public IList<ModelSummary> Models { get; set; } = [];
}

public sealed class ModelSummary
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>Local time with an offset, as Ollama writes it.</summary>
    [JsonPropertyName("modified_at")] public string ModifiedAt { get; set; } = "";
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("digest")] public string Digest { get; set; } = "";
    [JsonPropertyName("details")] public ModelDetails Details { get; set; } = new();

    /// <summary>Ollama 0.33: completion, tools, thinking, embedding, vision, insert…</summary>
    [JsonPropertyName("capabilities")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Capabilities { get; set; }
}
