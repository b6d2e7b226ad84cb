using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// A JSON-RPC 2.0 request carrying a message, as the SDK's client sends it (<c>jsonrpc</c>, <c>method</c>, <c>params</c>, <c>id</c>).
/// </summary>
public sealed record A2aJsonRpcRequest
{
    [JsonPropertyName("jsonrpc")]
    public string JsonRpc { get; init; } = "2.0";

    [JsonPropertyName("method")]
    public required string Method { get; init; }

    [JsonPropertyName("params")]
    public required A2aSendMessageParams Params { get; init; }

    [JsonPropertyName("id")]
    public long Id { get; init; }
}
