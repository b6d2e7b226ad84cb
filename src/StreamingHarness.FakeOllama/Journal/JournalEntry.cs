using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Journal;

/// <summary>
/// One request as the fake saw and answered it. Written by the request while it runs (the journal lock guards the
/// mutable parts), read by tests and <c>GET /__fake/journal</c>.
/// </summary>
public sealed class JournalEntry
{
    private readonly Lock _gate = new();
    private readonly List<double> _lineTimesMs = [];
    private readonly List<FaultFiring> _faults = [];
    private readonly int _maxLineTimes;

    internal JournalEntry(long id, DateTimeOffset time, string method, string path, int maxLineTimes)
    {
        Id = id;
        Time = time;
        Method = method;
        Path = path;
        _maxLineTimes = maxLineTimes;
    }

    [JsonPropertyName("id")] public long Id { get; }

    [JsonPropertyName("time")] public DateTimeOffset Time { get; }

    [JsonPropertyName("method")] public string Method { get; }

    /// <summary>Path and query string.</summary>
    [JsonPropertyName("path")] public string Path { get; }

    /// <summary>The request body as text (cut at the journal's body limit).</summary>
    [JsonPropertyName("body")] public string? Body { get; internal set; }

    /// <summary>
    /// The W3C <c>traceparent</c> header the request came with (a relay or client that traces sends one), so that
    /// the fake's side of a request joins the caller's trace. Null when none was sent.
    /// </summary>
    [JsonPropertyName("traceparent")] public string? TraceParent { get; internal set; }

    [JsonPropertyName("scenario")] public string? Scenario { get; internal set; }

    [JsonPropertyName("model")] public string? Model { get; internal set; }

    [JsonPropertyName("status")] public int Status { get; internal set; }

    /// <summary>Thinking and content tokens actually written to the client.</summary>
    [JsonPropertyName("tokens_delivered")] public int TokensDelivered { get; internal set; }

    [JsonPropertyName("lines_written")] public int LinesWritten { get; internal set; }

    [JsonPropertyName("bytes_written")] public long BytesWritten { get; internal set; }

    [JsonPropertyName("ending")] public StreamEnding Ending { get; internal set; }

    /// <summary>In words: "completed", "client disconnected at token 3", "fault 'abort' at token 5", the error message.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; internal set; }

    /// <summary>When each line was flushed, in milliseconds since the request arrived (the first lines only, up to the limit).</summary>
    /// <summary>Every fault that fired, in order: which, where, and what it did.</summary>
    [JsonPropertyName("faults")]
    public IReadOnlyList<FaultFiring> Faults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    [JsonPropertyName("line_times_ms")]
    public IReadOnlyList<double> LineTimesMs
    {
        get
        {
            lock (_gate)
            {
                return [.. _lineTimesMs];
            }
        }
    }

    [JsonPropertyName("duration_ms")] public double DurationMs { get; internal set; }

    [JsonIgnore] public bool IsFinished => Ending != StreamEnding.InProgress;

    /// <summary>
    /// Keeps the first firings only (as many as line times), so a fault firing at every line of a long stream stays bounded.
    /// </summary>
    internal void AddFault(FaultFiring firing)
    {
        lock (_gate)
        {
            if (_faults.Count < _maxLineTimes)
            {
                _faults.Add(firing);
            }
        }
    }

    internal void AddLine(double atMs)
    {
        lock (_gate)
        {
            LinesWritten++;
            if (_lineTimesMs.Count < _maxLineTimes)
            {
                _lineTimesMs.Add(atMs);
            }
        }
    }

    internal void AddBytes(long count)
    {
        lock (_gate)
        {
            BytesWritten += count;
        }
    }

    public override string ToString() =>
        $"#{Id} {Method} {Path} scenario={Scenario} status={Status} tokens={TokensDelivered} {Ending}: {Detail}";
}
