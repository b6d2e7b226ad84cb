using System.ComponentModel;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// One completed stream as its client received it after the <c>start</c>: the body bytes in one array, and per event
/// (an SSE event or an ndjson line) where it ends in the body and when it was sent. Compact on purpose: three arrays,
/// not an object per token. Immutable, so the in-memory level hands out the same instance to every hit.
/// </summary>
[ImmutableObject(true)]
internal sealed class CachedStream
{
    public CachedStream(byte[] body, int[] eventEnds, int[] eventTimesMs)
    {
        if (eventEnds.Length != eventTimesMs.Length)
        {
            throw new ArgumentException("every event needs an end and a time", nameof(eventTimesMs));
        }

        Body = body;
        EventEnds = eventEnds;
        EventTimesMs = eventTimesMs;
    }

    /// <summary>Everything after the <c>start</c>, as sent: token events (or lines), then the <c>done</c>.</summary>
    public byte[] Body { get; }

    /// <summary>The offset in <see cref="Body"/> just past each event, ascending; the last is the body's length.</summary>
    public int[] EventEnds { get; }

    /// <summary>Milliseconds from the request's start to each event's send.</summary>
    public int[] EventTimesMs { get; }

    /// <summary>Its serialised size (<see cref="CachedStreamSerializer"/>): what it costs the cache's bounds.</summary>
    public long Size => 5 + Body.Length + (8L * EventEnds.Length);
}
