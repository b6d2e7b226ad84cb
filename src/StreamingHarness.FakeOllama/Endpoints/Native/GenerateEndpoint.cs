using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Generation.Structured;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Time;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary><c>POST /api/generate</c>: checks in Ollama's order, then the scenario plays through the runner.</summary>
internal static class GenerateEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, json) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Generate);
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

        if (NativeRequestRules.ImagesError(body.Images) is { } imageError)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, imageError);
            return;
        }

        // Unlike chat, a missing model on generate is a 404 naming the empty model.
        if (NativeRequestRules.EarlyError(body.KeepAlive, body.TopLogprobs) is { } early)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, early);
            return;
        }

        var model = body.Model ?? "";
        if (model.Length > 0 && NativeRequestRules.ModelNameError(model) is { } nameError)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, nameError);
            return;
        }

        if (NativeRequestRules.Select(state, request, model, out var error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, error!);
            return;
        }

        // Ollama checks raw after it found the model: an unknown model is a 404 first.
        if (body.Raw == true
            && (!string.IsNullOrEmpty(body.Template) || !string.IsNullOrEmpty(body.System) || body.Context is { Count: > 0 }))
        {
            await OllamaErrorResponder.WriteAsync(
                request, StatusCodes.Status400BadRequest, "raw mode does not support template, system, or context");
            return;
        }

        if (NativeRequestRules.CheckThinkAndOptions(selection, model, think, body.Options, out var options) is { } failure)
        {
            await OllamaErrorResponder.WriteAsync(request, failure.Status, failure.Message);
            return;
        }

        var prompt = BodyPrompt.OfPromptField(json);
        if (prompt.IsEmpty)
        {
            var reason = NativeRequestRules.IsUnload(body.KeepAlive) ? "unload" : "load";
            var loaded = new GenerateResponse
            {
                Model = model, CreatedAt = OllamaTimestamp.Format(state.Time.GetUtcNow()), Done = true, DoneReason = reason,
            };
            await JsonBody.WriteAsync(http, loaded, ProtocolJson.Context.GenerateResponse);
            return;
        }

        var input = new GenerationInput(model, prompt, options.NumPredict, options.Seed, options.Stop, think, HasTools: false)
        {
            Format = OutputFormat.Parse(body.Format), ThinkLevel = thinkLevel,
        };
        var streaming = body.Stream ?? true;
        using var stream = NativeRequestRules.OpenStream(state, request, selection, input, streaming);
        var writer = new NativeGenerateWriter(stream, model, streaming, withContext: body.Raw != true, state.Time)
        {
            Logprobs = LogprobSource.For(
                body.Logprobs, body.TopLogprobs, selection.Scenario, GenerationRunner.SeedOf(input, selection.Scenario)),
        };
        await state.Runner.RunAsync(request, selection, input, stream, writer);
    }
}
