using System.Text.Json;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Generation.Structured;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c>. Like Ollama's middleware: request problems it finds itself are answered with
/// gin's c.JSON (<c>application/json; charset=utf-8</c>, no newline); problems the native chat handler finds go
/// through the nested error writer (<c>application/json</c>, trailing newline). <c>stream</c> defaults to false.
/// </summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, error, json) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.ChatCompletion);
        if (error == RequestBody.TooLarge)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status413PayloadTooLarge, error);
            return;
        }

        if (body is null)
        {
            // The middleware binds with gin, which reports an empty body as Go's io.EOF.
            await MiddlewareErrorResponder.WriteAsync(request, error == RequestBody.Missing ? "EOF" : error!);
            return;
        }

        if (body.Messages is not { Count: > 0 })
        {
            await MiddlewareErrorResponder.WriteAsync(request, "[] is too short - 'messages'");
            return;
        }

        var contents = OpenAiContents.Read(json);
        if (contents.Error() is { } contentError)
        {
            await MiddlewareErrorResponder.WriteAsync(request, contentError);
            return;
        }

        var prompt = contents.Prompt();
        if (!ReasoningEfforts.TryMap(body, out var think, out var thinkLevel, out var reasoningError))
        {
            await MiddlewareErrorResponder.WriteAsync(request, reasoningError!);
            return;
        }

        var model = body.Model ?? "";
        if (string.IsNullOrWhiteSpace(model))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, "model is required");
            return;
        }

        if (NativeRequestRules.ModelNameError(model) is { } nameError)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, nameError);
            return;
        }

        if (NativeRequestRules.Select(state, request, model, out error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, error!);
            return;
        }

        if (think == true && !selection.Model.Can("thinking"))
        {
            var message = NativeRequestRules.DoesNotSupportThinking(model);
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, message);
            return;
        }

        var hasTools = body.Tools is { Count: > 0 };
        if (NativeRequestRules.ToolsError(selection, hasTools) is { } toolsError)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, toolsError);
            return;
        }

        var input = new GenerationInput(
            model, prompt, body.MaxTokens, body.Seed, Stops(body.Stop), think, hasTools)
        {
            Format = OutputFormat.Parse(ResponseFormats.ToFormat(body.ResponseFormat)), Chat = true, ThinkLevel = thinkLevel,
        };
        var seed = GenerationRunner.SeedOf(input, selection.Scenario);
        using var stream = LayerStream.Open(state, request, selection, input, body.Stream);
        var id = $"chatcmpl-{new Random(seed).Next(999)}";
        var writer = new OpenAiChatWriter(
            stream, model, id, state.Time.GetUtcNow().ToUnixTimeSeconds(), body.Stream, body.StreamOptions?.IncludeUsage == true)
        {
            Logprobs = LogprobSource.For(body.Logprobs, body.TopLogprobs, selection.Scenario, seed),
        };
        await state.Runner.RunAsync(request, selection, input, stream, writer);
    }

    private static string[] Stops(JsonElement? stop) => stop?.ValueKind switch
    {
        JsonValueKind.String => [stop.Value.GetString()!],
        JsonValueKind.Array => [.. stop.Value.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)],
        _ => [],
    };
}
