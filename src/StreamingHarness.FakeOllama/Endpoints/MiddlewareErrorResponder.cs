using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Anthropic;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.OpenAi;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// An error that Ollama's OpenAI or Anthropic middleware finds itself, before the native handler runs: written with gin's
/// c.AbortWithStatusJSON (<c>application/json; charset=utf-8</c>, no trailing newline), unlike the errors of the
/// native handler that the middleware's writer re-encodes (<see cref="OllamaErrorResponder"/>).
/// </summary>
internal static class MiddlewareErrorResponder
{
    public static Task WriteAsync(FakeRequest request, string message, int status = StatusCodes.Status400BadRequest)
    {
        request.EndWith(StreamEnding.Error, $"{status} {message}");
        return request.Flavor == ApiFlavor.Anthropic
            ? JsonBody.WriteAsync(
                request.Http,
                AnthropicErrorResponse.ForStatus(status, message),
                ProtocolJson.Context.AnthropicErrorResponse,
                status: status)
            : JsonBody.WriteAsync(
                request.Http, OpenAiErrorResponse.ForStatus(status, message), ProtocolJson.Context.OpenAiErrorResponse, status: status);
    }
}
