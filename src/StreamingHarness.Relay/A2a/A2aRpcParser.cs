using System.Text.Json;
using StreamingHarness.Protocol.A2a;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// Reads the JSON-RPC 2.0 envelope: bad JSON is <c>-32700</c>; no object, a <c>jsonrpc</c> other than "2.0", no string
/// <c>method</c> or an id that is no string, number or null is <c>-32600</c>; <c>params</c> that are no object is
/// <c>-32602</c>; an <c>A2A-Version</c> other than 0.3 or 1.0 is A2A's <c>-32009</c>.
/// </summary>
internal static class A2aRpcParser
{
    public static A2aRpcRequest Parse(byte[] body, string? version)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new A2aRpcException(
                A2aErrorCodes.ParseError, "Parse error: the body is not valid JSON: " + ex.Message, A2aRpcRequest.NullId);
        }

        using (document)
        {
            try
            {
                return Parse(document.RootElement, version);
            }
            catch (InvalidOperationException)
            {
                // GetString on a string that is not valid UTF-8 or holds a lone surrogate escape.
                throw Invalid("a string is not valid UTF-8 or holds a lone surrogate", A2aRpcRequest.NullId);
            }
        }
    }

    private static A2aRpcRequest Parse(JsonElement root, string? version)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"the request must be a JSON object, got {root.ValueKind}", A2aRpcRequest.NullId);
        }

        var id = IdOf(root);
        if (!root.TryGetProperty("jsonrpc", out var jsonRpc) || jsonRpc.ValueKind != JsonValueKind.String || !jsonRpc.ValueEquals("2.0"u8))
        {
            throw Invalid("'jsonrpc' must be \"2.0\"", id);
        }

        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
        {
            throw Invalid("'method' must be a string", id);
        }

        var parameters = root.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
        {
            throw new A2aRpcException(
                A2aErrorCodes.InvalidParams, $"Invalid params: 'params' must be an object, got {parameters.ValueKind}", id);
        }

        var legacy = version switch
        {
            null or "" or A2aWire.LegacyVersion => true,
            A2aWire.Version => false,
            _ => throw new A2aRpcException(
                A2aErrorCodes.VersionNotSupported, $"A2A version '{version}' is not supported (supported: 0.3, 1.0)", id),
        };
        var owned = parameters.ValueKind == JsonValueKind.Object ? parameters.Clone() : default;
        return new A2aRpcRequest(method.GetString()!, id, owned, legacy);
    }

    /// <summary>The request's id as JSON bytes; an id of a type JSON-RPC does not allow is an invalid request.</summary>
    private static byte[] IdOf(JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id))
        {
            return A2aRpcRequest.NullId;
        }

        return id.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null
            ? System.Text.Encoding.UTF8.GetBytes(id.GetRawText())
            : throw Invalid($"'id' must be a string, a number or null, got {id.ValueKind}", A2aRpcRequest.NullId);
    }

    private static A2aRpcException Invalid(string reason, byte[] id) =>
        new(A2aErrorCodes.InvalidRequest, "Invalid Request: " + reason, id);
}
