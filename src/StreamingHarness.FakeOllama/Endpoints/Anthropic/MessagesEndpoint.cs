using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Anthropic;

namespace StreamingHarness.FakeOllama.Endpoints.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c> (Ollama's <c>AnthropicMessagesMiddleware</c> in front of the chat handler). Ollama reads
/// neither <c>x-api-key</c> nor <c>anthropic-version</c>: any value, or none, is accepted. The middleware's refusals are
/// gin's c.JSON; the chat handler's come back through its writer with a newline; both in Anthropic's error shape.
/// Thinking asked of a model that cannot think is dropped, not refused (the middleware sets <c>relax_thinking</c>).
/// </summary>
internal static class MessagesEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, messages, error) = await MessagesInput.ReadAsync(request);
        if (body is null || messages is null)
        {
            await MiddlewareErrorResponder.WriteAsync(request, error == RequestBody.Missing ? "EOF" : error!);
            return;
        }

        if (body.Stream)
        {
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.Connection = "keep-alive";
        }

        var model = body.Model!;
        if (NativeRequestRules.Select(state, request, model, out error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, error!);
            return;
        }

        var hasTools = body.Tools is { Count: > 0 };
        if (NativeRequestRules.ToolsError(selection, hasTools) is { } toolsError)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, toolsError);
            return;
        }

        var think = Think(body) is { } wanted && selection.Model.Can("thinking") ? wanted : (bool?)null;
        // The estimate reads the body's text as it came; the prompt is then taken from the body in place.
        var estimatedTokens = messages.EstimateTokens();
        var input = new GenerationInput(
            model, messages.TakePrompt(), body.MaxTokens, Seed: null, body.StopSequences?.Where(s => s is not null).ToArray() ?? [],
            think, hasTools) { Chat = true };
        var seed = GenerationRunner.SeedOf(input, selection.Scenario);
        using var stream = LayerStream.Open(state, request, selection, input, body.Stream);
        var id = MessageId(seed);
        IAnswerWriter writer = body.Stream
            ? new MessagesStreamWriter(stream, id, model, estimatedTokens)
            : new MessagesBodyWriter(stream, id, model);
        await state.Runner.RunAsync(request, selection, input, stream, writer);
    }

    /// <summary><c>thinking.type</c> enabled or disabled, else <c>output_config.effort</c> high, medium, low or max.</summary>
    private static bool? Think(MessagesRequest body) => body.Thinking?.Type switch
    {
        "enabled" => true,
        "disabled" => false,
        _ => body.OutputConfig?.Effort?.Trim().ToLowerInvariant() is "high" or "xhigh" or "medium" or "low" or "max" ? true : null,
    };

    /// <summary>Ollama's <c>msg_</c> and 24 hex digits (crypto/rand there; the request's seed here, for reproducible streams).</summary>
    private static string MessageId(int seed)
    {
        var bytes = new byte[12];
        new Random(seed).NextBytes(bytes);
        return "msg_" + Convert.ToHexStringLower(bytes);
    }
}
