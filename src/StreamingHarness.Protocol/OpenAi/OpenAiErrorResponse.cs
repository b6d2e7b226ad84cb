using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary>The nested OpenAI error shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record OpenAiErrorResponse([property: JsonPropertyName("error")] OpenAiError Error)
{
    /// <summary>Ollama's mapping: 400 is invalid_request_error, 404 not_found_error, anything else api_error.</summary>
    public static OpenAiErrorResponse ForStatus(int status, string message) => new(new OpenAiError(
        message,
        status switch { 400 => "invalid_request_error", 404 => "not_found_error", _ => "api_error" }));
}

public sealed record OpenAiError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param = null,
    [property: JsonPropertyName("code")] string? Code = null);
