using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>A task snapshot, the first event of a streamed task. <c>kind: "task"</c> in v0.3 only.</summary>
public sealed record A2aTask
{
    [JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("contextId")]
    public required string ContextId { get; init; }

    [JsonPropertyName("status")]
    public required A2aTaskStatus Status { get; init; }

    [JsonPropertyName("artifacts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<A2aArtifact>? Artifacts { get; init; }
}
