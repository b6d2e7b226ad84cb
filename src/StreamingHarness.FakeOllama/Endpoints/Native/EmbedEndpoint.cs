using System.Text.Json;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary>
/// <c>POST /api/embed</c>: one deterministic unit vector per input string, after the scenario's load and prompt
/// delays (and its scheduler slot). Messages as Ollama's embed handler words them.
/// </summary>
internal static class EmbedEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, error) = await RequestBody.ReadAsync(request, ProtocolJson.Context.EmbedRequest);
        if (body is null)
        {
            await ErrorResponses.WriteAsync(request, StatusCodes.Status400BadRequest, error!);
            return;
        }

        var model = body.Model ?? "";
        if (NativeRequestRules.Select(state, request, model, out error) is not { } selection)
        {
            // A named model the embed handler cannot schedule is reported in Go's %q form.
            var unknownModel = !string.IsNullOrWhiteSpace(model) && error == ErrorResponses.ModelNotFound(model);
            await ErrorResponses.WriteAsync(
                request, StatusCodes.Status404NotFound, unknownModel ? $"model \"{model}\" not found, try pulling it first" : error!);
            return;
        }

        if (!TryInputs(body.Input, out var inputs))
        {
            await ErrorResponses.WriteAsync(request, StatusCodes.Status400BadRequest, "invalid input type");
            return;
        }

        if (inputs.Length == 0)
        {
            await JsonBody.WriteAsync(http, new EmbedResponse { Model = model }, ProtocolJson.Context.EmbedResponse);
            return;
        }

        var scenario = selection.Scenario;
        var scale = state.TimeScaleFor(scenario);
        using var slot = await state.SchedulerFor(scenario).AcquireAsync(request.Aborted);
        if (slot is null)
        {
            await ErrorResponses.WriteAsync(request, StatusCodes.Status503ServiceUnavailable, ErrorResponses.ServerBusy);
            return;
        }

        state.Loaded.Touch(selection.Model);
        await Task.Delay(TimeSpan.FromMilliseconds(scenario.LoadMs * scale), state.Time, request.Aborted);
        var loadNs = request.ElapsedNanoseconds;
        await Task.Delay(TimeSpan.FromMilliseconds(scenario.FirstTokenMs * scale), state.Time, request.Aborted);

        var dimensions = body.Dimensions is > 0 and var d && d < selection.Model.EmbeddingLength ? d : selection.Model.EmbeddingLength;
        var response = new EmbedResponse
        {
            Model = model,
            Embeddings = [.. inputs.Select(text => EmbeddingVectors.For(selection.Model.FullName, text, dimensions))],
            PromptEvalCount = inputs.Sum(text => Math.Max(1, Tokenizer.Count(text))),
            LoadDuration = loadNs,
            TotalDuration = request.ElapsedNanoseconds,
        };
        using var stream = new ResponseStream(request, scenario, StreamFraming.Json, JsonBody.NativeContentType, scale, (int)scenario.Seed);
        await stream.WriteBodyAsync(response, ProtocolJson.Context.EmbedResponse, trailingNewline: false);
    }

    /// <summary>A string or an array of strings; an empty string or a missing input embeds nothing.</summary>
    private static bool TryInputs(JsonElement? input, out string[] inputs)
    {
        inputs = [];
        switch (input?.ValueKind)
        {
            case null or JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.String:
                var text = input.Value.GetString()!;
                inputs = text.Length == 0 ? [] : [text];
                return true;
            case JsonValueKind.Array when input.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                inputs = [.. input.Value.EnumerateArray().Select(e => e.GetString()!)];
                return true;
            default:
                return false;
        }
    }
}
