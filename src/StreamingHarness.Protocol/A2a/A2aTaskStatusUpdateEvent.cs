using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// A task's status changed. v1.0 ends the stream on a terminal <see cref="A2aTaskStatus.State"/>; v0.3 also says so
/// with <c>final: true</c> and tags the event <c>kind: "status-update"</c>.
/// </summary>
public sealed record A2aTaskStatusUpdateEvent : A2aTaskEvent
{
    [JsonPropertyName("status")]
    public required A2aTaskStatus Status { get; init; }

    [JsonPropertyName("final"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Final { get; init; }
}
