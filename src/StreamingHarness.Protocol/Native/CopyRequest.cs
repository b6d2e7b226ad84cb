using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>Body of <c>POST /api/copy</c>.</summary>
public sealed class CopyRequest
{
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("destination")] public string? Destination { get; set; }
}
