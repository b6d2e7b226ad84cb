using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary><c>POST /api/show</c>; <c>name</c> is the legacy spelling of <c>model</c>.</summary>
public sealed class ShowRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("verbose")] public bool Verbose { get; set; }
}
