namespace StreamingHarness.Client.Events;

/// <summary>Where a stream is, reported after each event: tokens and body bytes so far, and time to first token once known.</summary>
public readonly record struct StreamProgress(long Tokens, long Bytes, TimeSpan? TimeToFirstToken);
