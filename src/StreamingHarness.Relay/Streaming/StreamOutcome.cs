namespace StreamingHarness.Relay.Streaming;

/// <summary>How the upstream part of a stream ended: a confirmed <c>done</c>, a failure, or the client leaving.</summary>
internal sealed record StreamOutcome(DoneSummary? Done, RelayFailure? Failure)
{
    public static readonly StreamOutcome ClientGone = new(null, null);

    /// <summary>The pass-through copied a non-stream upstream answer as it was; nothing more to write.</summary>
    public static readonly StreamOutcome Copied = new(null, null) { WasCopied = true };

    public bool WasCopied { get; private init; }

    public static StreamOutcome Success(DoneSummary done) => new(done, null);

    public static StreamOutcome Failed(RelayFailure failure) => new(null, failure);
}
