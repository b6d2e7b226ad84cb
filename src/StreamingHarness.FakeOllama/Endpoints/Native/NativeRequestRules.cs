using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary>Request checks that generate and chat share, with Ollama's exact messages.</summary>
internal static class NativeRequestRules
{
    private const string ThinkValues = "\"high\", \"medium\", \"low\", \"max\", true, or false";

    /// <summary>Picks the scenario (header, then model) and records it in the journal; null when the answer is a 404.</summary>
    public static Selection? Select(FakeState state, FakeRequest request, string model, out string? error)
    {
        var header = request.Http.Request.Headers[ScenarioCatalog.ScenarioHeader].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            header = state.ActiveScenario;
        }

        var selection = state.Catalog.Select(header, model, out var unknownScenario);
        request.Entry.Model = model;
        error = unknownScenario is not null
            ? $"fake scenario '{unknownScenario}' not found (known: {string.Join(", ", state.Catalog.Scenarios.Select(s => s.Name))})"
            : selection is null ? OllamaErrorResponder.ModelNotFound(model) : null;
        request.Entry.Scenario = selection?.Scenario.Name;
        return selection;
    }

    /// <summary>
    /// <c>think:true</c> on a model that cannot think is a 400; a mistyped option is a 500 (Ollama reports it from the
    /// scheduler). Returns null when the request may go on.
    /// </summary>
    public static (int Status, string Message)? CheckThinkAndOptions(
        Selection selection, string model, bool? think, JsonObject? rawOptions, out ModelOptions options)
    {
        options = ModelOptions.Parse(rawOptions, out var error);
        if (think == true && !selection.Model.Can("thinking"))
        {
            return (StatusCodes.Status400BadRequest, DoesNotSupportThinking(model));
        }

        return error is null ? null : (StatusCodes.Status500InternalServerError, error);
    }

    /// <summary>ndjson when streaming (the default), one compact JSON body otherwise.</summary>
    public static ResponseStream OpenStream(
        FakeState state, FakeRequest request, Selection selection, GenerationInput input, bool streaming) => new(
        request,
        selection.Scenario,
        streaming ? StreamFraming.Ndjson : StreamFraming.Json,
        streaming ? "application/x-ndjson" : JsonBody.NativeContentType,
        state.TimeScaleFor(selection.Scenario),
        GenerationRunner.SeedOf(input, selection.Scenario));

    /// <summary>What Ollama rejects while decoding and checking the request, before it looks for the model.</summary>
    public static string? EarlyError(JsonElement? keepAlive, int? topLogprobs) =>
        GoDuration.Check(keepAlive) ?? (topLogprobs is < 0 or > 20 ? "top_logprobs must be between 0 and 20" : null);

    /// <summary>
    /// <c>think</c> as Ollama's ThinkValue decodes it (<c>api/types.go</c>): a bool, or one of "low", "medium", "high",
    /// "max" (a level, which also means true); null when absent. Its errors come from decoding, so they precede every
    /// other check.
    /// </summary>
    public static bool TryParseThink(JsonElement? think, out bool? value, out string? level, out string? error)
    {
        value = null;
        level = null;
        error = null;
        switch (think?.ValueKind)
        {
            case null or JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                value = think.Value.GetBoolean();
                return true;
            case JsonValueKind.String when think.Value.GetString() is "low" or "medium" or "high" or "max":
                value = true;
                level = think.Value.GetString();
                return true;
            case JsonValueKind.String:
                error = $"invalid think value: {GoQuote.Of(think.Value.GetString()!)} (must be {ThinkValues})";
                return false;
            default:
                error = $"think must be a boolean or string ({ThinkValues})";
                return false;
        }
    }

    /// <summary>
    /// A model name Ollama's parser refuses (<c>server/model_resolver.go</c>): both <c>:local</c> and <c>:cloud</c>, or a
    /// name that is not <c>[host/][namespace/]model[:tag]</c>. Null when the name may be looked up.
    /// </summary>
    public static string? ModelNameError(string model)
    {
        var name = model.Trim();
        var local = name.EndsWith(":local", StringComparison.Ordinal) || name.Contains(":local:", StringComparison.Ordinal);
        var cloud = name.EndsWith(":cloud", StringComparison.Ordinal) || name.Contains(":cloud:", StringComparison.Ordinal);
        if (local && cloud)
        {
            return "use either :local or :cloud, not both";
        }

        foreach (var suffix in (ReadOnlySpan<string>)[":local", ":cloud"])
        {
            name = name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
        }

        return ModelNames.IsValid(name) ? null : "invalid model name";
    }

    /// <summary>The first image that is not base64, as Go's decoder reports it (a 400 while binding the body).</summary>
    /// <summary>Go's error for the first image, in body order, that is not base64; null when every one decodes.</summary>
    public static string? ImagesError(IEnumerable<IList<string>?>? imageLists) =>
        imageLists?.Select(ImagesError).FirstOrDefault(error => error is not null);

    public static string? ImagesError(IList<string>? images) => images is CheckedImages checkedImages
        ? checkedImages.Error
        : images?.Select(image => image is null ? null : GoBase64.Error(image)).FirstOrDefault(error => error is not null);

    /// <summary>Go's %q of the model name, as in <c>"\"llama3.2\" does not support thinking"</c>.</summary>
    public static string DoesNotSupportThinking(string model) => $"{GoQuote.Of(model)} does not support thinking";

    /// <summary>Tools offered to a model without the tools capability: Ollama names the model in full.</summary>
    public static string? ToolsError(Selection selection, bool hasTools) =>
        hasTools && !selection.Model.Can("tools") ? $"registry.ollama.ai/library/{selection.Model.FullName} does not support tools" : null;

    /// <summary><c>keep_alive</c> of 0 (number or duration string) means "unload".</summary>
    public static bool IsUnload(JsonElement? keepAlive) => keepAlive?.ValueKind switch
    {
        JsonValueKind.Number => keepAlive.Value.GetDouble() == 0,
        JsonValueKind.String => keepAlive.Value.GetString()?.TrimEnd('s', 'm', 'h') is "0",
        _ => false,
    };
}
