namespace StreamingHarness.Harness.Verify;

/// <summary>
/// What one case's requests showed before the journal is read: why it failed (or null), what was seen, the tokens the
/// client got, and the one observation whose timing the journal is joined with (null for cases of many requests).
/// </summary>
internal sealed record CaseRun(string? Failure, string Observed, long Tokens, Observation? Seen = null)
{
    public double? CancelLatencyMs { get; init; }

    public long? UpstreamBytesDuringPause { get; init; }
}
