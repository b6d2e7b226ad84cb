using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// What every task update names: its task and context; v0.3 also tags it with <c>kind</c>. Written first, as the SDK does.
/// </summary>
public abstract record A2aTaskEvent
{
    [JsonPropertyOrder(-3), JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyOrder(-2), JsonPropertyName("taskId")]
    public required string TaskId { get; init; }

    [JsonPropertyOrder(-1), JsonPropertyName("contextId")]
    public required string ContextId { get; init; }
}
