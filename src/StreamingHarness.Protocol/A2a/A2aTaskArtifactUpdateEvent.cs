using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// A piece of an artifact: <c>append</c> adds it to the artifact sent before, <c>lastChunk</c> closes it.
/// v0.3 tags it <c>kind: "artifact-update"</c>. The SDK leaves <c>append</c>/<c>lastChunk</c> out when false (v1.0).
/// </summary>
public sealed record A2aTaskArtifactUpdateEvent : A2aTaskEvent
{
    [JsonPropertyName("artifact")]
    public required A2aArtifact Artifact { get; init; }

    [JsonPropertyName("append"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Append { get; init; }

    [JsonPropertyName("lastChunk"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool LastChunk { get; init; }
}
