using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>Answer of the legacy <c>POST /api/embeddings</c>: float64 values, <c>[]</c> for an empty prompt.</summary>
public sealed class EmbeddingsResponse
{
    [JsonPropertyName("embedding")] public IList<double> Embedding { get; set; } = [];
}
