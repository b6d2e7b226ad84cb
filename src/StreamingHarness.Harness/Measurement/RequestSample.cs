namespace StreamingHarness.Harness.Measurement;

/// <summary>One row of the per-request CSV: everything measured about one request.</summary>
internal sealed record RequestSample(
    long Id,
    string Phase,
    string Model,
    int Concurrency,
    double StartMs,
    double? QueueWaitMs,
    double? HeadersMs,
    double? FirstByteMs,
    double? TtftMs,
    double? E2eMs,
    double? TpotMs,
    long OutputTokens,
    bool TokensAreChunks,
    long ContentChunks,
    long ItlCount,
    double? ItlMeanMs,
    double? ItlMaxMs,
    long Bytes,
    Outcome Outcome,
    long? ReportedTokens = null)
{
    /// <summary>What the service added to this request, when it was joined to the fake's journal.</summary>
    public AddedDelay? Added { get; init; }

    /// <summary>Where <see cref="OutputTokens"/> came from (the server's count, or the chunks and why).</summary>
    public TokenCountSource TokenSource => !TokensAreChunks ? TokenCountSource.Server
        : ReportedTokens is null ? TokenCountSource.ChunksNoCount
        : TokenCountSource.ChunksCountDisagrees;

    public static RequestSample From(
        long id, string phase, string model, int concurrency, long runStart, double? queueWaitMs, RequestTimeline t, Outcome outcome) =>
        new(
        id,
        phase,
        model,
        concurrency,
        Ticks.ToMilliseconds(t.Start - runStart),
        queueWaitMs,
        t.HeadersMs,
        t.FirstByteMs,
        t.TtftMs,
        t.E2eMs,
        t.TpotMs,
        t.OutputTokens,
        t.TokensAreChunks,
        t.ContentChunks,
        t.GapCount,
        t.ItlMeanMs,
        t.ItlMaxMs,
        t.Bytes,
        outcome,
        t.ReportedTokens);
}
