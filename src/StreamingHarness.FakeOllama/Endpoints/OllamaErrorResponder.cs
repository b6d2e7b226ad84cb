using System.Text.Json;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Anthropic;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.OpenAi;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Answers a request with Ollama's error, in the request's API flavour, and ends its journal entry. Native: the
/// <see cref="OllamaErrorBody"/> (gin's c.JSON). OpenAI layer: the nested form; Anthropic layer: its
/// <c>{"type":"error",…}</c>; both <c>application/json</c>, with the trailing newline of Go's json.Encoder.
/// </summary>
internal static class OllamaErrorResponder
{
    public const string ServerBusy = "server busy, please try again.  maximum pending requests exceeded";

    public static async Task WriteAsync(FakeRequest request, int status, string message)
    {
        request.EndWith(StreamEnding.Error, $"{status} {message}");
        if (request.Flavor == ApiFlavor.Native)
        {
            await WriteNativeAsync(request.Http, status, message).ConfigureAwait(false);
            return;
        }

        // The OpenAI and Anthropic writers both answer with Go's json.Encoder: application/json and a trailing newline.
        var bytes = request.Flavor == ApiFlavor.Anthropic
            ? JsonSerializer.SerializeToUtf8Bytes(
                AnthropicErrorResponse.ForStatus(status, message), ProtocolJson.Context.AnthropicErrorResponse)
            : JsonSerializer.SerializeToUtf8Bytes(OpenAiErrorResponse.ForStatus(status, message), ProtocolJson.Context.OpenAiErrorResponse);
        byte[] body = [.. bytes, (byte)'\n'];
        var response = request.Http.Response;
        response.ContentType = "application/json";
        response.StatusCode = status;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, request.Aborted).ConfigureAwait(false);
    }

    /// <summary>Ollama's native error body, outside the journal (the admin API, refusals before an endpoint runs).</summary>
    public static Task WriteNativeAsync(HttpContext http, int status, string message)
    {
        var body = OllamaErrorBody.ToUtf8(message);
        http.Response.StatusCode = status;
        http.Response.ContentType = OllamaErrorBody.ContentType;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    /// <summary>Ollama's two spellings: generate/chat quote the request string in single quotes.</summary>
    public static string ModelNotFound(string model) => $"model '{model}' not found";
}
