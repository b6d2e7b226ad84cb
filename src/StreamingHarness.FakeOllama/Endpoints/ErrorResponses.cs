using System.Text.Json;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.OpenAi;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Ollama's error bodies. Native: <c>{"error":"…"}</c>, <c>application/json; charset=utf-8</c>, no trailing newline
/// (gin's c.JSON). OpenAI layer: the nested form, <c>application/json</c>, with the trailing newline of Go's json.Encoder.
/// </summary>
internal static class ErrorResponses
{
    public const string ServerBusy = "server busy, please try again.  maximum pending requests exceeded";

    public static async Task WriteAsync(FakeRequest request, int status, string message)
    {
        request.EndWith(StreamEnding.Error, $"{status} {message}");
        var response = request.Http.Response;
        byte[] body;
        if (request.Flavor == ApiFlavor.OpenAi)
        {
            body = [.. JsonSerializer.SerializeToUtf8Bytes(OpenAiErrorResponse.ForStatus(status, message), ProtocolJson.Context.OpenAiErrorResponse), (byte)'\n'];
            response.ContentType = "application/json";
        }
        else
        {
            body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(message), ProtocolJson.Context.ErrorResponse);
            response.ContentType = "application/json; charset=utf-8";
        }

        response.StatusCode = status;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, request.Aborted).ConfigureAwait(false);
    }

    /// <summary>Ollama's two spellings: generate/chat quote the request string in single quotes.</summary>
    public static string ModelNotFound(string model) => $"model '{model}' not found";
}
