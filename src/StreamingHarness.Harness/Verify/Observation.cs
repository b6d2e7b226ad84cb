using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// What the service's client saw of one request: how it ended, the text, the service's own token count, and when each
/// piece of text arrived (host monotonic clock, for <see cref="StreamJoin"/>).
/// </summary>
internal sealed record Observation(
    Outcome Outcome,
    string Text,
    int Tokens,
    long? ReportedTokens,
    TokenCountSource TokenSource,
    double DurationMs,
    long? LeftAt)
{
    public IReadOnlyList<TextArrival> Arrivals { get; init; } = [];

    /// <summary>
    /// An error status, an error event or line, an aborted connection, or a stream that broke its framing or missed its terminal.
    /// </summary>
    public bool IsExplicitFailure =>
        Outcome.Kind is OutcomeKind.HttpStatus or OutcomeKind.InBandError or OutcomeKind.Disconnect or OutcomeKind.ProtocolError;

    public string Describe()
    {
        var tokens = $"{Tokens} token{(Tokens == 1 ? "" : "s")}";
        return Outcome.Kind switch
        {
            OutcomeKind.Ok => $"clean end after {tokens}",
            OutcomeKind.Cancelled => $"the client left after {tokens}",
            OutcomeKind.Timeout => $"{Outcome.Label} after {tokens}: {Outcome.Detail}",
            _ => $"{Outcome.Label} after {tokens}: {Shorten(Outcome.Detail)}",
        };
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
