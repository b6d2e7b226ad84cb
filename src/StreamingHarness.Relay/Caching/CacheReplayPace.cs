namespace StreamingHarness.Relay.Caching;

/// <summary>How a cached stream is replayed (<c>Relay:Cache:Replay</c>).</summary>
public enum CacheReplayPace
{
    /// <summary>All of it at once, flushed once.</summary>
    FullSpeed,

    /// <summary>Each event at the offset from the request's start at which it was first sent, first token included.</summary>
    Recorded,
}
