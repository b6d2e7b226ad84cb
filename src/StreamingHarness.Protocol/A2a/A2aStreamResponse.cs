using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>The v1.0 <c>result</c> of a streamed event: exactly one member is set.</summary>
public sealed record A2aStreamResponse
{
    [JsonPropertyName("task"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2aTask? Task { get; init; }

    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2aMessage? Message { get; init; }

    [JsonPropertyName("statusUpdate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2aTaskStatusUpdateEvent? StatusUpdate { get; init; }

    [JsonPropertyName("artifactUpdate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2aTaskArtifactUpdateEvent? ArtifactUpdate { get; init; }
}
