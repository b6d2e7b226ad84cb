using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>A task's state (<see cref="A2aTaskStates"/>) and, for a failure, the agent's message saying why.</summary>
public sealed record A2aTaskStatus
{
    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2aMessage? Message { get; init; }

    [JsonPropertyName("timestamp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Timestamp { get; init; }
}
