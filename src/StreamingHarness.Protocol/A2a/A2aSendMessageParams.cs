using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>The params of <c>SendStreamingMessage</c> (v0.3: <c>message/stream</c>): the message and request metadata.</summary>
public sealed record A2aSendMessageParams
{
    [JsonPropertyName("message")]
    public required A2aMessage Message { get; init; }

    [JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Metadata { get; init; }
}
