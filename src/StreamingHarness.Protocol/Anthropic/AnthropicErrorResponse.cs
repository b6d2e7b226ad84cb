using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Anthropic;

/// <summary>
/// Anthropic's error body as Ollama writes it (<c>anthropic/anthropic.go:NewError</c>):
/// <c>{"type":"error","error":{"type","message"},"request_id":"req_…"}</c>.
/// </summary>
public sealed record AnthropicErrorResponse(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("error")] AnthropicError Error,
    [property: JsonPropertyName("request_id")] string RequestId)
{
    /// <summary>Ollama's mapping of a status to an error type, and a fresh <c>req_</c> id of 24 hex digits.</summary>
    public static AnthropicErrorResponse ForStatus(int status, string message) => new(
        "error",
        new AnthropicError(
            status switch
            {
                400 => "invalid_request_error",
                401 => "authentication_error",
                403 => "permission_error",
                404 => "not_found_error",
                429 => "rate_limit_error",
                503 or 529 => "overloaded_error",
                _ => "api_error",
            },
            message),
        "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
}

public sealed record AnthropicError(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message);
