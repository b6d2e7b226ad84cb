namespace StreamingHarness.FakeOllama.Generation;

/// <summary>What the fake needs from a generate, chat or chat-completion request, whatever API it came through.</summary>
/// <param name="Model">The model string exactly as the client sent it (echoed in every chunk).</param>
/// <param name="Prompt">The prompt, or the last user message for chat.</param>
/// <param name="NumPredict">Token cap (<c>options.num_predict</c> / <c>max_tokens</c>); null or negative is unlimited.</param>
/// <param name="Seed">Request seed (<c>options.seed</c> / <c>seed</c>); null uses the scenario's.</param>
/// <param name="Stop">Stop sequences.</param>
/// <param name="Think">The request's <c>think</c>: null lets a thinking model think.</param>
/// <param name="HasTools">The request offered tools.</param>
internal sealed record GenerationInput(
    string Model,
    PromptText Prompt,
    int? NumPredict,
    long? Seed,
    IReadOnlyList<string> Stop,
    bool? Think,
    bool HasTools)
{
    /// <summary>The request's <c>format</c> (<c>response_format</c> on /v1); null when the answer is free text.</summary>
    public Structured.OutputFormat? Format { get; init; }

    /// <summary><c>think</c> as a level (<c>low</c>, <c>medium</c>, <c>high</c>, <c>max</c>); null for a bool or unset.</summary>
    public string? ThinkLevel { get; init; }

    /// <summary>Through Ollama's chat handler (<c>/api/chat</c>, <c>/v1/chat/completions</c>) rather than generate.</summary>
    public bool Chat { get; init; }
}
