using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Journal;

/// <summary>
/// One request as the fake saw and answered it. Written by the request while it runs, one writer at a time (the entry's
/// lock guards the kept response and the faults; the line counts and times need none), read by tests in process;
/// <c>GET /__fake/journal</c> writes its <see cref="ToRecord"/>.
/// </summary>
public sealed class JournalEntry
{
    private readonly Lock _gate = new();
    private readonly LineLog _lines;
    private readonly List<FaultFiring> _faults = [];
    private readonly int _maxLineTimes;
    private readonly int _maxResponseBytes;
    private long _textWritten;
    private long _bytesWritten;
    private byte[]? _response;
    private int _responseLength;
    private volatile bool _responseFull;

    internal JournalEntry(long id, DateTimeOffset time, string method, string path, int maxLineTimes, int maxResponseBytes = 0)
    {
        _maxResponseBytes = maxResponseBytes;
        Id = id;
        Time = time;
        Method = method;
        Path = path;
        _maxLineTimes = maxLineTimes;
        _lines = new LineLog(maxLineTimes);
    }

    public long Id { get; }

    public DateTimeOffset Time { get; }

    /// <summary>
    /// When the request arrived on the host's monotonic clock, in nanoseconds: <see cref="TimeProvider.GetTimestamp"/>
    /// of the fake's clock, which for the real clock is <c>Stopwatch.GetTimestamp()</c>, on Linux CLOCK_MONOTONIC. That
    /// clock is one per host, so another process on the host (the harness) can place each line in its own time:
    /// <c>start_monotonic_ns + line_times_ms × 10⁶</c>.
    /// </summary>
    public long StartMonotonicNs { get; internal set; }

    public string Method { get; }

    /// <summary>Path and query string.</summary>
    public string Path { get; }

    /// <summary>The request body as text (cut at the journal's body limit).</summary>
    public string? Body { get; internal set; }

    /// <summary>
    /// The W3C <c>traceparent</c> header the request came with (a relay or client that traces sends one), so that
    /// the fake's side of a request joins the caller's trace. Null when none was sent.
    /// </summary>
    public string? TraceParent { get; internal set; }

    public string? Scenario { get; internal set; }

    public string? Model { get; internal set; }

    public int Status { get; internal set; }

    /// <summary>Thinking and content tokens actually written to the client.</summary>
    public int TokensDelivered { get; internal set; }

    public int LinesWritten { get; internal set; }

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public StreamEnding Ending { get; internal set; }

    /// <summary>In words: "completed", "client disconnected at token 3", "fault 'abort' at token 5", the error message.</summary>
    public string? Detail { get; internal set; }

    /// <summary>Every fault that fired, in order: which, where, and what it did.</summary>
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

    /// <summary>When each line was flushed, in milliseconds since the request arrived (the first lines only, up to the limit).</summary>
    public IReadOnlyList<double> LineTimesMs => _lines.TimesMs();

    /// <summary>
    /// For each line of <see cref="LineTimesMs"/>, the answer text written up to and including it, in UTF-16 characters
    /// (the <c>content</c>, <c>response</c> or <c>delta.content</c> of the token lines; thinking and tool calls do not
    /// count). A harness joins what its client received to these by position in the text.
    /// </summary>
    public IReadOnlyList<long> LineTextEnds => _lines.TextEnds();

    /// <summary>
    /// The response body as the client got it, cut at the journal's response limit (bytes that are not UTF-8 show as
    /// U+FFFD). Null when nothing was kept.
    /// </summary>
    public string? Response
    {
        get
        {
            lock (_gate)
            {
                return _response is null ? null : System.Text.Encoding.UTF8.GetString(_response, 0, _responseLength);
            }
        }
    }

    public double DurationMs { get; internal set; }

    public bool IsFinished => Ending != StreamEnding.InProgress;

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

    /// <summary>
    /// A line was flushed at <paramref name="atMs"/>, carrying <paramref name="textLength"/> characters of the answer;
    /// <paramref name="written"/> are its bytes when they were not counted as they went out (the stream's usual line:
    /// one call, and no lock once the kept response is full).
    /// </summary>
    internal void AddLine(double atMs, int textLength = 0, ReadOnlySpan<byte> written = default)
    {
        if (!written.IsEmpty)
        {
            AddResponseBytes(written);
        }

        // One writer per entry (the request's own flow): the counts are plain fields, the line times a lock-free log.
        LinesWritten++;
        _textWritten += textLength;
        _lines.Add(atMs, _textWritten);
    }

    internal void AddBytes(long count) => Interlocked.Add(ref _bytesWritten, count);

    /// <summary>
    /// Counts bytes written to the client and keeps the first ones. The copy buffer grows by doubling up to the limit, so a
    /// stream allocates a handful of times at most, never per line. Once the kept bytes reach the limit, counting takes no
    /// lock.
    /// </summary>
    internal void AddResponseBytes(ReadOnlySpan<byte> bytes)
    {
        if (_responseFull)
        {
            // The kept bytes no longer change, so the count alone stays consistent with them.
            Interlocked.Add(ref _bytesWritten, bytes.Length);
            return;
        }

        lock (_gate)
        {
            KeepResponseBytes(bytes);
        }
    }

    /// <summary>Under the gate: counts the bytes and keeps them while the kept response has room.</summary>
    private void KeepResponseBytes(ReadOnlySpan<byte> bytes)
    {
        Interlocked.Add(ref _bytesWritten, bytes.Length);
        var room = _maxResponseBytes - _responseLength;
        if (room <= 0 || bytes.IsEmpty)
        {
            _responseFull = room <= 0;
            return;
        }

        var kept = bytes[..Math.Min(room, bytes.Length)];
        var needed = _responseLength + kept.Length;
        if (_response is null || _response.Length < needed)
        {
            Array.Resize(ref _response, Math.Min(_maxResponseBytes, Math.Max(needed, Math.Max(512, (_response?.Length ?? 0) * 2))));
        }

        kept.CopyTo(_response.AsSpan(_responseLength));
        _responseLength = needed;
        _responseFull = needed >= _maxResponseBytes;
    }

    /// <summary>The entry as the admin API writes it: a consistent copy, taken under the lock.</summary>
    public JournalRecord ToRecord()
    {
        lock (_gate)
        {
            return new JournalRecord
            {
                Id = Id,
                Time = Time,
                StartMonotonicNs = StartMonotonicNs,
                Method = Method,
                Path = Path,
                Body = Body,
                TraceParent = TraceParent,
                Scenario = Scenario,
                Model = Model,
                Status = Status,
                TokensDelivered = TokensDelivered,
                LinesWritten = LinesWritten,
                BytesWritten = BytesWritten,
                Ending = Ending,
                Detail = Detail,
                Faults = [.. _faults],
                LineTimesMs = _lines.TimesMs(),
                LineTextEnds = _lines.TextEnds(),
                DurationMs = DurationMs,
                Response = _response is null ? null : System.Text.Encoding.UTF8.GetString(_response, 0, _responseLength),
            };
        }
    }

    public override string ToString() =>
        $"#{Id} {Method} {Path} scenario={Scenario} status={Status} tokens={TokensDelivered} {Ending}: {Detail}";
}
