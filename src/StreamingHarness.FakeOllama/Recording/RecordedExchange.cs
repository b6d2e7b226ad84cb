using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// One request and the upstream's answer to it, with the timing of every line: the answer source of a recorded
/// scenario (<see cref="Scenarios.Scenario.Recording"/>). Written by record mode, read from the scenario's
/// <c>recording:</c> field (scenarios/README.md, section "recorded").
/// </summary>
public sealed class RecordedExchange
{
    public required RecordedRequest Request { get; init; }

    /// <summary>The upstream's status; 0 when the connection ended before any response.</summary>
    public int Status { get; init; }

    /// <summary>Response headers worth replaying (content type, Retry-After, ...); hop-by-hop headers are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>When the status line and headers arrived, in milliseconds since the request arrived.</summary>
    public double HeadersMs { get; init; }

    public IReadOnlyList<RecordedLine> Lines { get; init; } = [];

    public RecordedEnd End { get; init; }

    /// <summary>Where it was recorded from (informational).</summary>
    public string? Upstream { get; init; }

    /// <summary>When it was recorded (informational), RFC 3339 UTC.</summary>
    public string? RecordedAt { get; init; }

    /// <summary>Prompts and outputs were replaced by same-length filler.</summary>
    public bool Redacted { get; init; }

    public string? ContentType =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A Content-Length the upstream gave (a whole, non-streamed body), or null for a chunked body.</summary>
    public long? ContentLength =>
        long.TryParse(
            Headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)).Value, out var length)
            ? length
            : null;

    /// <summary>How the body is cut into lines: SSE events for <c>text/event-stream</c>, else lines.</summary>
    public StreamFraming Framing => RecordedFraming.Of(ContentType, Lines.Count);
}
