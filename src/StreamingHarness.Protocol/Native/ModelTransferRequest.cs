using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>
/// Body of <c>POST /api/pull</c>, <c>/api/push</c>, <c>/api/create</c> and <c>DELETE /api/delete</c>: the model (or
/// the older <c>name</c>), <c>stream</c> (null means stream), and create's <c>from</c>.
/// </summary>
public sealed class ModelTransferRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("insecure")] public bool? Insecure { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("from")] public string? From { get; set; }
}
