using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>A JSON-RPC error object (<c>-32601</c> method not found, <c>-32603</c> internal error, A2A's own codes).</summary>
public sealed record A2aJsonRpcError
{
    [JsonPropertyName("code")]
    public required long Code { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
