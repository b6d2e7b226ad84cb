using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>
/// One request as the fake saw and answered it, as <c>GET /__fake/journal</c> writes it and its readers (the harness's
/// verify and load runs, a console) read it back. A field an older fake did not write reads as its default.
/// </summary>
public sealed record JournalRecord
{
    [JsonPropertyName("id")] public long Id { get; init; }

    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }

    /// <summary>
    /// When the request arrived on the host's monotonic clock, in nanoseconds (<c>Stopwatch.GetTimestamp()</c>, on Linux
    /// CLOCK_MONOTONIC, one clock per host), so another process on the host places each line in its own time:
    /// <c>start_monotonic_ns + line_times_ms × 10⁶</c>. 0 on a virtual clock.
    /// </summary>
    [JsonPropertyName("start_monotonic_ns")] public long StartMonotonicNs { get; init; }

    [JsonPropertyName("method")] public string Method { get; init; } = "";

    /// <summary>Path and query string.</summary>
    [JsonPropertyName("path")] public string Path { get; init; } = "";

    /// <summary>The request body as text (cut at the journal's body limit).</summary>
    [JsonPropertyName("body")] public string? Body { get; init; }

    /// <summary>The W3C <c>traceparent</c> header the request came with; null when none was sent.</summary>
    [JsonPropertyName("traceparent")] public string? TraceParent { get; init; }

    [JsonPropertyName("scenario")] public string? Scenario { get; init; }

    [JsonPropertyName("model")] public string? Model { get; init; }

    [JsonPropertyName("status")] public int Status { get; init; }

    /// <summary>Thinking and content tokens actually written to the client.</summary>
    [JsonPropertyName("tokens_delivered")] public int TokensDelivered { get; init; }

    [JsonPropertyName("lines_written")] public int LinesWritten { get; init; }

    [JsonPropertyName("bytes_written")] public long BytesWritten { get; init; }

    [JsonPropertyName("ending")] public StreamEnding Ending { get; init; }

    /// <summary>In words: "completed", "client disconnected at token 3", "fault 'abort' at token 5", the error message.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; init; }

    /// <summary>Every fault that fired, in order: which, where, and what it did.</summary>
    [JsonPropertyName("faults")] public IReadOnlyList<FaultFiring> Faults { get; init; } = [];

    /// <summary>When each line was flushed, in milliseconds since the request arrived (the first lines only, up to the limit).</summary>
    [JsonPropertyName("line_times_ms")] public IReadOnlyList<double> LineTimesMs { get; init; } = [];

    /// <summary>
    /// For each line of <see cref="LineTimesMs"/>, the answer text written up to and including it, in UTF-16 characters
    /// (the <c>content</c>, <c>response</c> or <c>delta.content</c> of the token lines; thinking and tool calls do not count).
    /// </summary>
    [JsonPropertyName("line_text_ends")] public IReadOnlyList<long> LineTextEnds { get; init; } = [];

    [JsonPropertyName("duration_ms")] public double DurationMs { get; init; }

    /// <summary>The response as the client got it, its first bytes up to the fake's journal response limit; null when none kept.</summary>
    [JsonPropertyName("response")] public string? Response { get; init; }

    [JsonIgnore] public bool IsFinished => Ending != StreamEnding.InProgress;
}
