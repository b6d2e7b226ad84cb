using System.Text.Json;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// One JSON-RPC 2.0 request to <c>/a2a</c>: its method, its id exactly as sent (echoed in every answer), its
/// <c>params</c>, and whether the caller speaks v0.3 (no <c>A2A-Version</c> header, or <c>0.3</c>).
/// </summary>
internal sealed record A2aRpcRequest(string Method, byte[] IdJson, JsonElement Params, bool Legacy)
{
    /// <summary>The id of an answer to a request whose own id could not be read.</summary>
    public static readonly byte[] NullId = "null"u8.ToArray();
}
