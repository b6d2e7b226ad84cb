using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary><c>GET /api/status</c> (Ollama 0.16.2+): whether cloud models are disabled, and by what.</summary>
public sealed class StatusResponse
{
    [JsonPropertyName("cloud")] public CloudStatus Cloud { get; set; } = new();
}

public sealed class CloudStatus
{
    [JsonPropertyName("disabled")] public bool Disabled { get; set; }
    [JsonPropertyName("source")] public string Source { get; set; } = "";
}
