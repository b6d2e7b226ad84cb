using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary>
/// <c>POST /api/embed</c> (and the legacy <c>POST /api/embeddings</c>): one deterministic unit vector per input
/// string, after the scenario's scheduler slot and its load and prompt delays. Messages as Ollama's handlers word them.
/// </summary>
internal static class EmbedEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, json) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Embed);
        if (body is null)
        {
            return;
        }

        var model = body.Model ?? "";
        if (NativeRequestRules.Select(state, request, model, out var error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, NotFound(model, error!));
            return;
        }

        if (!TryInputs(body.Input, json, out var inputs))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, "invalid input type");
            return;
        }

        if (inputs.Length == 0)
        {
            await JsonBody.WriteAsync(http, new EmbedResponse { Model = model }, ProtocolJson.Context.EmbedResponse);
            return;
        }

        var dimensions = body.Dimensions is > 0 and var d && d < selection.Model.EmbeddingLength ? d : selection.Model.EmbeddingLength;
        if (await EmbedAsync(state, request, selection, inputs, dimensions) is not var (vectors, loadNs))
        {
            return;
        }

        var response = new EmbedResponse
        {
            Model = model,
            Embeddings = vectors,
            PromptEvalCount = PromptTokens(inputs),
            LoadDuration = loadNs,
            TotalDuration = request.ElapsedNanoseconds,
        };
        await WriteAsync(state, request, selection, response, ProtocolJson.Context.EmbedResponse);
    }

    /// <summary><c>POST /api/embeddings</c>: <c>{"embedding":[…]}</c> in float64, <c>[]</c> for an empty prompt.</summary>
    public static async Task LegacyAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, json) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Embeddings);
        if (body is null)
        {
            return;
        }

        var model = body.Model ?? "";
        if (string.IsNullOrWhiteSpace(model))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, "model is required");
            return;
        }

        if (NativeRequestRules.Select(state, request, model, out var error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, NotFound(model, error!));
            return;
        }

        var prompt = BodyInputs.OfPromptField(json);
        if (prompt.IsEmpty)
        {
            await JsonBody.WriteAsync(http, new EmbeddingsResponse(), ProtocolJson.Context.EmbeddingsResponse);
            return;
        }

        if (await EmbedAsync(state, request, selection, [prompt], selection.Model.EmbeddingLength) is var (vectors, _))
        {
            var response = new EmbeddingsResponse { Embedding = [.. vectors[0].Select(value => (double)value)] };
            await WriteAsync(state, request, selection, response, ProtocolJson.Context.EmbeddingsResponse);
        }
    }

    /// <summary>
    /// Waits for a slot and the scenario's load and prompt delays, then computes the vectors of the inputs (UTF-8 text,
    /// slices of the request body); null when the queue was full (the 503 is already written).
    /// </summary>
    internal static async Task<(float[][] Vectors, long LoadNs)?> EmbedAsync(
        FakeState state, FakeRequest request, Selection selection, ReadOnlyMemory<byte>[] inputs, int dimensions)
    {
        var scenario = selection.Scenario;
        var scale = state.TimeScaleFor(scenario);
        using var slot = await state.SchedulerFor(scenario).AcquireAsync(request.Aborted);
        if (slot is null)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status503ServiceUnavailable, OllamaErrorResponder.ServerBusy);
            return null;
        }

        state.Loaded.Touch(selection.Model);
        await Task.Delay(TimeSpan.FromMilliseconds(scenario.LoadMs * scale), state.Time, request.Aborted);
        var loadNs = request.ElapsedNanoseconds;
        await Task.Delay(TimeSpan.FromMilliseconds(scenario.FirstTokenMs * scale), state.Time, request.Aborted);
        return (Vectors(selection.Model.FullName, inputs, dimensions), loadNs);
    }

    internal static float[][] Vectors(string model, ReadOnlyMemory<byte>[] inputs, int dimensions) =>
        Array.ConvertAll(inputs, text => EmbeddingVectors.For(model, text.Span, dimensions));

    /// <summary><c>prompt_eval_count</c> and OpenAI's <c>prompt_tokens</c>: at least one token an input.</summary>
    internal static int PromptTokens(ReadOnlyMemory<byte>[] inputs) => inputs.Sum(text => Math.Max(1, Tokenizer.Count(text.Span)));

    /// <summary>The body goes through the response stream, so the scenario's faults apply to it too.</summary>
    private static async Task WriteAsync<T>(FakeState state, FakeRequest request, Selection selection, T response, JsonTypeInfo<T> typeInfo)
    {
        var scale = state.TimeScaleFor(selection.Scenario);
        using var stream = new ResponseStream(
            request, selection.Scenario, StreamFraming.Json, JsonBody.NativeContentType, scale, (int)selection.Scenario.Seed);
        await stream.WriteBodyAsync(response, typeInfo, trailingNewline: false);
    }

    /// <summary>A named model the embed handlers cannot schedule is reported in Go's %q form.</summary>
    internal static string NotFound(string model, string error) =>
        !string.IsNullOrWhiteSpace(model) && error == OllamaErrorResponder.ModelNotFound(model)
            ? $"model \"{model}\" not found, try pulling it first" : error;

    /// <summary>
    /// A string or an array of strings, read by <see cref="UnreadRequestTypes.Embed"/> with the texts left in
    /// <paramref name="json"/>, which this takes them from; an empty string or a missing input embeds nothing.
    /// </summary>
    internal static bool TryInputs(JsonElement? input, ReadOnlyMemory<byte> json, out ReadOnlyMemory<byte>[] inputs)
    {
        inputs = [];
        switch (input?.ValueKind)
        {
            case null or JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.String:
                inputs = BodyInputs.OfInputField(json) is [{ IsEmpty: false }] text ? text : [];
                return true;
            case JsonValueKind.Array when input.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                inputs = BodyInputs.OfInputField(json);
                return true;
            default:
                return false;
        }
    }
}
