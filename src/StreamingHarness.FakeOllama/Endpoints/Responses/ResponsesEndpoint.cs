using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>
/// <c>POST /v1/responses</c> (Ollama's <c>ResponsesMiddleware</c> in front of the chat handler). The middleware's own
/// refusals (body, input, reasoning effort) are gin's c.JSON; the chat handler's (model, tools, thinking) come back
/// through its writer in the OpenAI shape with a newline. <c>stream</c> defaults to false; a stream's headers include
/// <c>Cache-Control: no-cache</c> and <c>Connection: keep-alive</c>, set before the handler runs, so its errors carry
/// them too.
/// </summary>
internal static class ResponsesEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, prompt, error) = await ResponsesInput.ReadAsync(request);
        if (body is null || !TryThink(body.Reasoning?.Effort, out var think, out error))
        {
            await MiddlewareErrorResponder.WriteAsync(request, error == RequestBody.Missing ? "EOF" : error!);
            return;
        }

        var streaming = body.Stream == true;
        if (streaming)
        {
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.Connection = "keep-alive";
        }

        var model = body.Model ?? "";
        if (string.IsNullOrWhiteSpace(model))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, "model is required");
            return;
        }

        if (NativeRequestRules.Select(state, request, model, out error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, error!);
            return;
        }

        var hasTools = body.Tools is { Count: > 0 };
        if ((NativeRequestRules.ToolsError(selection, hasTools) ?? ThinkError(selection, model, think)) is { } refused)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, refused);
            return;
        }

        // Ollama translates a Responses request into a chat request, so it takes the chat handler's paths.
        var input = new GenerationInput(model, prompt, body.MaxOutputTokens, Seed: null, Stop: [], think, hasTools) { Chat = true };
        var seed = GenerationRunner.SeedOf(input, selection.Scenario);
        using var stream = LayerStream.Open(state, request, selection, input, streaming);
        var ids = new ResponsesIds(seed);
        IAnswerWriter writer = streaming
            ? new ResponsesStreamWriter(stream, body, ids, state.Time)
            : new ResponsesBodyWriter(stream, body, ids, state.Time);
        await state.Runner.RunAsync(request, selection, input, stream, writer);
    }

    /// <summary>Ollama's <c>thinkFromReasoningEffort</c>: none turns thinking off, the levels turn it on.</summary>
    private static bool TryThink(string? effort, out bool? think, out string? error)
    {
        error = null;
        think = effort switch
        {
            null or "" => null,
            "none" => false,
            "minimal" or "low" or "medium" or "high" or "max" or "xhigh" or "ultra" => true,
            _ => null,
        };
        if (effort is null or "" or "none" || think is not null)
        {
            return true;
        }

        error = $"invalid reasoning value: \"{effort}\" "
            + "(must be \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\", \"ultra\", \"max\", or \"none\")";
        return false;
    }

    private static string? ThinkError(Scenarios.Selection selection, string model, bool? think) =>
        think == true && !selection.Model.Can("thinking") ? NativeRequestRules.DoesNotSupportThinking(model) : null;
}
