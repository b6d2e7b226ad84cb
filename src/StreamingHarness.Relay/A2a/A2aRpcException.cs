namespace StreamingHarness.Relay.A2a;

/// <summary>A request the agent answers with a JSON-RPC error instead of a result.</summary>
internal sealed class A2aRpcException(int code, string message, byte[] idJson) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>The id to answer with, as JSON (<c>null</c> when the request's own could not be read).</summary>
    public byte[] IdJson { get; } = idJson;
}
