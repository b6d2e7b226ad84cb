using System.Text.Json;

namespace StreamingHarness.Testing.Fuzzing;

/// <summary>What a server may answer with a 5xx: a body that says what failed, in the shape its clients read.</summary>
public static class ErrorBodies
{
    /// <summary><c>{"error":"…"}</c> natively, <c>{"error":{"message":"…"}}</c> on Ollama's OpenAI layer.</summary>
    public static bool IsOllamaError(byte[] body) => Inspect(body, root =>
        root.TryGetProperty("error", out var error)
        && (error.ValueKind == JsonValueKind.String
            || (error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)));

    /// <summary>An RFC 9457 ProblemDetails with at least its numeric <c>status</c> and a <c>title</c>.</summary>
    public static bool IsProblemDetails(byte[] body) => Inspect(body, root =>
        root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number
        && root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String);

    /// <summary>Null when a status and body are acceptable (below 500, or a well-formed error body), else why not.</summary>
    public static string? Check(int status, byte[] body, Func<byte[], bool> isErrorBody) =>
        status < 500 || isErrorBody(body) ? null : $"{status} without an error body: {System.Text.Encoding.UTF8.GetString(body)}";

    private static bool Inspect(byte[] body, Func<JsonElement, bool> test)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && test(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
