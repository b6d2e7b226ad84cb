namespace StreamingHarness.Harness.Verify;

/// <summary>One request as the fake's journal (<c>GET /__fake/journal</c>) records it: what verify judges the upstream side by.</summary>
internal sealed record JournalView(
    string Path,
    string? Scenario,
    int Status,
    int TokensDelivered,
    string Ending,
    string? Detail,
    DateTimeOffset Time,
    double DurationMs)
{
    public bool IsFinished => Ending != "InProgress";

    /// <summary>When the fake stopped answering (arrival plus duration), on the fake's clock.</summary>
    public DateTimeOffset EndedAt => Time + TimeSpan.FromMilliseconds(DurationMs);
}
