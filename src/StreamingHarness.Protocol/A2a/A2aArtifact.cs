using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>An artifact (the answer being produced); streamed in pieces by <see cref="A2aTaskArtifactUpdateEvent"/>.</summary>
public sealed record A2aArtifact
{
    [JsonPropertyName("artifactId")]
    public required string ArtifactId { get; init; }

    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("parts")]
    public required IReadOnlyList<A2aPart> Parts { get; init; }
}
