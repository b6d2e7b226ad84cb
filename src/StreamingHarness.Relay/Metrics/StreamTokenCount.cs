namespace StreamingHarness.Relay.Metrics;

/// <summary>
/// One stream's relayed tokens, for <c>relay.tokens.relayed</c>: written by the stream's loop alone, read by a collection.
/// A plain store per token where a shared counter would take an interlocked add on a cache line every core writes.
/// </summary>
internal sealed class StreamTokenCount
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    /// <summary>Only from the stream's loop (one writer), so no interlocked add is needed.</summary>
    public void Increment() => Volatile.Write(ref _value, _value + 1);
}
