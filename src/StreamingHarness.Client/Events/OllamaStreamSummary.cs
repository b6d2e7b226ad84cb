namespace StreamingHarness.Client.Events;

/// <summary>
/// What the <c>done:true</c> line said, and what the client measured. Ollama's durations are zero when it omitted them.
/// </summary>
public sealed record OllamaStreamSummary
{
    /// <summary><c>stop</c>, <c>length</c>, or what Ollama said; <c>stop</c> when it said nothing.</summary>
    public required string DoneReason { get; init; }

    /// <summary><c>prompt_eval_count</c>; 0 when Ollama omitted it (a cached prompt).</summary>
    public long PromptTokens { get; init; }

    /// <summary>
    /// <c>eval_count</c> when it is credible, otherwise the chunks with output counted (the one rule,
    /// <c>StreamTimeline.OutputTokensOf</c>: a server that sends <c>eval_count: 0</c> after real text does not count).
    /// </summary>
    public long CompletionTokens { get; init; }

    public TimeSpan TotalDuration { get; init; }

    public TimeSpan LoadDuration { get; init; }

    public TimeSpan PromptEvalDuration { get; init; }

    public TimeSpan EvalDuration { get; init; }

    /// <summary>
    /// Request sent (first attempt) → first token (the first chunk with output), on the client's clock; an answer with
    /// no output has none, and this is then <see cref="Elapsed"/>.
    /// </summary>
    public TimeSpan TimeToFirstToken { get; init; }

    /// <summary>Request sent → confirmed end, on the client's clock.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Bytes of the body read.</summary>
    public long Bytes { get; init; }
}
