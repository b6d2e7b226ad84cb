using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary><c>GET /v1/models</c>. With no models Ollama writes <c>"data":null</c>.</summary>
public sealed class ModelList
{
    [JsonPropertyName("object")] public string ObjectType { get; set; } = "list";
    [JsonPropertyName("data")] public IList<OpenAiModel>? Data { get; set; }
}

public sealed class OpenAiModel
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string ObjectType { get; set; } = "model";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("owned_by")] public string OwnedBy { get; set; } = "library";
}
