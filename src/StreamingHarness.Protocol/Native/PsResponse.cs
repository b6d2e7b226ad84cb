using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary><c>GET /api/ps</c>.</summary>
public sealed class PsResponse
{
    [JsonPropertyName("models")] public IList<RunningModel> Models { get; set; } = [];
}

public sealed class RunningModel
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("digest")] public string Digest { get; set; } = "";
    [JsonPropertyName("details")] public ModelDetails Details { get; set; } = new();
    [JsonPropertyName("expires_at")] public string ExpiresAt { get; set; } = "";
    [JsonPropertyName("size_vram")] public long SizeVram { get; set; }
    [JsonPropertyName("context_length")] public int ContextLength { get; set; }
}
