using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>One SSE <c>data:</c> payload of a v1.0 stream: a JSON-RPC response with a <c>result</c> or an <c>error</c>.</summary>
public sealed record A2aStreamEnvelope
{
    [JsonPropertyName("jsonrpc")]
    public string JsonRpc { get; init; } = "2.0";

    [JsonPropertyName("id")]
    public long? Id { get; init; }

    [JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2aStreamResponse? Result { get; init; }

    [JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2aJsonRpcError? Error { get; init; }
}
