using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// A message. v1.0 roles are <c>ROLE_USER</c>/<c>ROLE_AGENT</c>; v0.3 uses <c>user</c>/<c>agent</c> and
/// <c>kind: "message"</c>.
/// </summary>
public sealed record A2aMessage
{
    [JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    [JsonPropertyName("contextId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContextId { get; init; }

    [JsonPropertyName("taskId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TaskId { get; init; }

    [JsonPropertyName("role")]
    public required string Role { get; init; }

    [JsonPropertyName("parts")]
    public required IReadOnlyList<A2aPart> Parts { get; init; }

    [JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Metadata { get; init; }
}
