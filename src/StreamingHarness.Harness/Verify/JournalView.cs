using StreamingHarness.Harness.Measurement;

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

    /// <summary>The lines it wrote, on the host's monotonic clock, for <see cref="StreamJoin"/>.</summary>
    public UpstreamLines Lines { get; init; } = UpstreamLines.None;

    public long BytesWritten { get; init; }

    /// <summary>When the fake stopped answering on the host's monotonic clock (ns), or null when it has no such start.</summary>
    public long? EndedAtNs => Lines.StartNs > 0 ? Lines.StartNs + (long)(DurationMs * 1e6) : null;
}
