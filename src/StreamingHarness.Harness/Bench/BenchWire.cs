namespace StreamingHarness.Harness.Bench;

/// <summary>
/// What a server is asked and how its answer is counted: the path the neutral client posts to, the payload lines one
/// event takes, and the events of a stream that are not tokens (the ndjson done line; SSE's start and done).
/// </summary>
internal sealed record BenchWire(string Path, int LinesPerEvent, int EventsBesidesTokens)
{
    public static BenchWire Ndjson { get; } = new("/api/chat", 1, 1);

    /// <summary>The relay's SSE contract (and the relay floor's): id, event, data and a blank line per event.</summary>
    public static BenchWire Sse { get; } = new("/stream/chat", 4, 2);

    public long Tokens(long lines, long streams) => (lines / LinesPerEvent) - (streams * EventsBesidesTokens);
}
