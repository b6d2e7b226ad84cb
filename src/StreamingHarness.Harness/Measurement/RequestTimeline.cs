using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The timestamps of one request and the figures the metrics reference defines from them, on Protocol's one
/// definition (<see cref="StreamTimeline"/>). Probes call the <c>On…</c> methods as the response arrives; nothing
/// here allocates per token. Every inter-token gap goes to
/// <paramref name="gapSink"/> (the run's ITL histogram) as it happens, so the whole distribution is kept, and every
/// token to <paramref name="tokenTimeline"/> for throughput over time. Probes stamp it with <see cref="Now"/>, from the
/// run's <paramref name="clock"/> (the system's when none is given).
/// </summary>
internal sealed class RequestTimeline(GapRecorder? gapSink = null, RateTimeline? tokenTimeline = null, HarnessClock? clock = null)
{
    private readonly HarnessClock _clock = clock ?? HarnessClock.System;
    private long _lastLine;
    private StreamTimeline _stream;

    /// <summary>A reading of the run's clock, for the <c>On…</c> methods: a plain monotonic read, nothing allocated.</summary>
    public long Now => _clock.Now;

    public long Start => _stream.Start;
    public long Headers { get; private set; }
    public long FirstByte { get; private set; }
    public long End => _stream.End;

    /// <summary>Chunks with output (text, thinking or a tool call).</summary>
    public long ContentChunks => _stream.OutputChunks;

    /// <summary>The server's own count (<c>eval_count</c>, <c>usage.completion_tokens</c>), when it gave one, even 0.</summary>
    public long? ReportedTokens => _stream.ReportedTokens;

    /// <summary>
    /// When set (verify, tests; never in a load run), probes that can add the text of every content chunk here, in
    /// order, so what the client saw can be compared with what the upstream sent.
    /// </summary>
    public ICollection<string>? Texts { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> the request carries, when the run joins its requests to the fake's journal: a service
    /// that propagates trace context (ASP.NET Core and HttpClient do) passes its trace id on to the fake.
    /// </summary>
    public string? TraceParent { get; init; }

    public long Bytes { get; private set; }
    public long GapCount { get; private set; }
    public long GapSumTicks { get; private set; }
    public long GapMaxTicks { get; private set; }

    /// <summary>Set by the watchdog before it cancels the request, so the cancellation is reported as this timeout.</summary>
    public TimeoutPhase TimedOut { get; set; }

    /// <summary>When the last complete line (or event) arrived; once tokens flow, the idle deadline counts from here.</summary>
    public long LastLine => Volatile.Read(ref _lastLine);

    public void OnStart(long now)
    {
        _stream.Begin(now);
        Volatile.Write(ref _lastLine, now);
    }

    public void OnHeaders(long now)
    {
        Headers = now;
    }

    public void OnBytes(long now, int count)
    {
        if (FirstByte == 0 && count > 0)
        {
            FirstByte = now;
        }

        Bytes += count;
    }

    /// <summary>A complete line arrived that is no chunk (a blank line between ndjson lines): it restarts the idle clock only.</summary>
    public void OnLine(long now) => Volatile.Write(ref _lastLine, now);

    /// <summary>A chunk arrived. Only one with output counts: a role-only or empty chunk is neither TTFT nor a gap.</summary>
    public void OnChunk(long now, bool hasContent)
    {
        OnLine(now);
        var gap = _stream.OnLine(now, hasContent);
        if (gap >= 0)
        {
            GapCount++;
            GapSumTicks += gap;
            GapMaxTicks = Math.Max(GapMaxTicks, gap);
            gapSink?.Record(Ticks.ToNanoseconds(gap));
        }

        if (hasContent)
        {
            tokenTimeline?.AddToken(now);
        }
    }

    /// <summary>The terminal chunk (<c>done:true</c>, <c>[DONE]</c>, the relay's <c>done</c>) arrived.</summary>
    public void OnTerminal(long now, long? reportedTokens) => _stream.OnTerminal(now, reportedTokens ?? -1);

    /// <summary>Sets the end of a request that failed, so its E2E is known too.</summary>
    public void OnFailed(long now) => _stream.OnEnded(now);

    public bool HasFirstToken => _stream.HasFirstOutput;

    public double? HeadersMs => Headers == 0 ? null : Ticks.ToMilliseconds(Headers - Start);

    public double? FirstByteMs => FirstByte == 0 ? null : Ticks.ToMilliseconds(FirstByte - Start);

    public double? TtftMs => _stream.Ttft is { } ttft ? Ticks.ToMilliseconds(ttft) : null;

    public double? E2eMs => _stream.E2e is { } e2e ? Ticks.ToMilliseconds(e2e) : null;

    /// <summary>
    /// Output tokens: the server's count when it is credible, otherwise the content chunks seen
    /// (<see cref="TokenSource"/> says which; the rule is <see cref="StreamTimeline.CountIsCredible"/>).
    /// </summary>
    public long OutputTokens => _stream.OutputTokens;

    public TokenCountSource TokenSource => ReportedTokens is null ? TokenCountSource.ChunksNoCount
        : _stream.TokensAreChunks ? TokenCountSource.ChunksCountDisagrees
        : TokenCountSource.Server;

    public bool TokensAreChunks => _stream.TokensAreChunks;

    /// <summary>(E2E − TTFT) / (tokens − 1); undefined for fewer than two tokens.</summary>
    public double? TpotMs => _stream.Tpot is { } tpot ? Ticks.ToMilliseconds(1) * tpot : null;

    public double? ItlMeanMs => GapCount == 0 ? null : Ticks.ToMilliseconds(GapSumTicks) / GapCount;

    public double? ItlMaxMs => GapCount == 0 ? null : Ticks.ToMilliseconds(GapMaxTicks);
}
