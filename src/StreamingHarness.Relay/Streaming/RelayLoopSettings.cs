namespace StreamingHarness.Relay.Streaming;

/// <summary>The per-stream settings the relay loop reads, taken from <see cref="RelayOptions"/>.</summary>
internal sealed record RelayLoopSettings(bool SkipMalformedLines, TimeSpan CoalesceWindow, int MaxBufferedBytes)
{
    public static RelayLoopSettings From(RelayOptions options) =>
        new(options.Upstream.SkipMalformedLines, options.Streaming.CoalesceWindow, options.Streaming.MaxBufferedBytes);
}
