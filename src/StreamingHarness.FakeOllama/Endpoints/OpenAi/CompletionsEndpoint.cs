using System.Text.Json;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>POST /v1/completions</c> (Ollama's CompletionsMiddleware in front of the generate handler): the middleware refuses
/// a bad body or a non-string stop with gin's c.JSON; the generate handler's refusals (a missing or unknown model is a
/// 404) come back in the OpenAI shape with a newline. <c>stream</c> defaults to false; ids are <c>cmpl-0</c>…<c>cmpl-998</c>.
/// </summary>
internal static class CompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, error, json) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.Completion);
        if (body is null || !TryStops(body.Stop, out var stops, out error))
        {
            await MiddlewareErrorResponder.WriteAsync(request, error == RequestBody.Missing ? "EOF" : error!);
            return;
        }

        var model = body.Model ?? "";
        if (NativeRequestRules.Select(state, request, model, out error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, error!);
            return;
        }

        var prompt = BodyPrompt.OfPromptField(json);
        var input = new GenerationInput(model, prompt, body.MaxTokens, body.Seed, stops, Think: null, HasTools: false);
        var seed = GenerationRunner.SeedOf(input, selection.Scenario);
        using var stream = LayerStream.Open(state, request, selection, input, body.Stream);
        var writer = new CompletionsWriter(
            stream, model, $"cmpl-{new Random(seed).Next(999)}", state.Time, body.Stream, body.StreamOptions?.IncludeUsage == true);
        await state.Runner.RunAsync(request, selection, input, stream, writer);
    }

    /// <summary>Ollama's FromCompleteRequest: a string, or an array of strings; another element type is refused by its Go type.</summary>
    private static bool TryStops(JsonElement? stop, out string[] stops, out string? error)
    {
        stops = [];
        error = null;
        switch (stop?.ValueKind)
        {
            case JsonValueKind.String:
                stops = [stop.Value.GetString()!];
                return true;
            case JsonValueKind.Array:
                foreach (var item in stop.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        error = $"invalid type for 'stop' field: {GoType(item)}";
                        return false;
                    }
                }

                stops = [.. stop.Value.EnumerateArray().Select(s => s.GetString()!)];
                return true;
            default:
                return true;
        }
    }

    private static string GoType(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "float64",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "map[string]interface {}",
        JsonValueKind.Array => "[]interface {}",
        _ => "<nil>",
    };
}
