using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Generation.Structured;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Time;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary><c>POST /api/chat</c>: checks in Ollama's order, then the scenario plays through the runner.</summary>
internal static class ChatEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, json) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Chat);
        if (body is null)
        {
            return;
        }

        // Go decodes think while binding the body: its errors come before every other check.
        if (!NativeRequestRules.TryParseThink(body.Think, out var think, out var thinkLevel, out var thinkError))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, thinkError!);
            return;
        }

        if (NativeRequestRules.ImagesError(body.Messages?.Select(m => m?.Images)) is { } imageError)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, imageError);
            return;
        }

        if (NativeRequestRules.EarlyError(body.KeepAlive, body.TopLogprobs) is { } early)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, early);
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

        if (NativeRequestRules.Select(state, request, model, out var error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, error!);
            return;
        }

        if (NativeRequestRules.CheckThinkAndOptions(selection, model, think, body.Options, out var options) is { } failure)
        {
            await OllamaErrorResponder.WriteAsync(request, failure.Status, failure.Message);
            return;
        }

        // Ollama refuses thinking before it schedules the runner, which refuses tools.
        var hasTools = body.Tools is { Count: > 0 };
        if (NativeRequestRules.ToolsError(selection, hasTools) is { } toolsError)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, toolsError);
            return;
        }

        if (body.Messages is not { Count: > 0 })
        {
            var reason = NativeRequestRules.IsUnload(body.KeepAlive) ? "unload" : "load";
            var loaded = new ChatResponse
            {
                Model = model, CreatedAt = OllamaTimestamp.Format(state.Time.GetUtcNow()), Done = true, DoneReason = reason,
            };
            await JsonBody.WriteAsync(http, loaded, ProtocolJson.Context.ChatResponse);
            return;
        }

        var prompt = BodyPrompt.OfMessages(json);
        var input = new GenerationInput(model, prompt, options.NumPredict, options.Seed, options.Stop, think, hasTools)
        {
            Format = OutputFormat.Parse(body.Format), Chat = true, ThinkLevel = thinkLevel,
        };
        var streaming = body.Stream ?? true;
        using var stream = NativeRequestRules.OpenStream(state, request, selection, input, streaming);
        var writer = new NativeChatWriter(stream, model, streaming, state.Time)
        {
            Logprobs = LogprobSource.For(
                body.Logprobs, body.TopLogprobs, selection.Scenario, GenerationRunner.SeedOf(input, selection.Scenario)),
        };
        await state.Runner.RunAsync(request, selection, input, stream, writer);
    }
}
