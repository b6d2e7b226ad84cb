namespace StreamingHarness.LoadTests.Measurement;

/// <summary>
/// The timestamps of one request and the figures the metrics reference defines from them. Probes call the
/// <c>On…</c> methods as the response arrives; nothing here allocates per token. Every inter-token gap goes to
/// <paramref name="gapSink"/> (the run's ITL histogram) as it happens, so the whole distribution is kept, and every
/// token to <paramref name="tokenTimeline"/> for throughput over time.
/// </summary>
internal sealed class RequestTimeline(GapRecorder? gapSink = null, RateTimeline? tokenTimeline = null)
{
    private long _lastActivity;

    public long Start { get; private set; }
    public long Headers { get; private set; }
    public long FirstByte { get; private set; }
    public long FirstToken { get; private set; }
    public long LastToken { get; private set; }
    public long End { get; private set; }

    /// <summary>Chunks with non-empty content (text, thinking or a tool call).</summary>
    public long ContentChunks { get; private set; }

    /// <summary>The server's own count (<c>eval_count</c>, <c>usage.completion_tokens</c>), when it gave one, even 0.</summary>
    public long? ReportedTokens { get; private set; }

    /// <summary>
    /// When set (verify, tests; never in a load run), probes that can add the text of every content chunk here, in
    /// order, so what the client saw can be compared with what the upstream sent.
    /// </summary>
    public ICollection<string>? Texts { get; init; }

    public long Bytes { get; private set; }
    public long GapCount { get; private set; }
    public long GapSumTicks { get; private set; }
    public long GapMaxTicks { get; private set; }

    /// <summary>Set by the watchdog before it cancels the request, so the cancellation is reported as this timeout.</summary>
    public TimeoutPhase TimedOut { get; set; }

    /// <summary>Last time anything arrived; the idle deadline counts from here.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    public void OnStart(long now)
    {
        Start = now;
        Volatile.Write(ref _lastActivity, now);
    }

    public void OnHeaders(long now)
    {
        Headers = now;
        Volatile.Write(ref _lastActivity, now);
    }

    public void OnBytes(long now, int count)
    {
        if (FirstByte == 0 && count > 0)
        {
            FirstByte = now;
        }

        Bytes += count;
        Volatile.Write(ref _lastActivity, now);
    }

    /// <summary>A chunk arrived. Only one with content counts: a role-only or empty chunk is neither TTFT nor a gap.</summary>
    public void OnChunk(long now, bool hasContent)
    {
        if (!hasContent)
        {
            return;
        }

        if (FirstToken == 0)
        {
            FirstToken = now;
        }
        else
        {
            var gap = now - LastToken;
            GapCount++;
            GapSumTicks += gap;
            GapMaxTicks = Math.Max(GapMaxTicks, gap);
            gapSink?.Record(Ticks.ToNanoseconds(gap));
        }

        LastToken = now;
        ContentChunks++;
        tokenTimeline?.AddToken(now);
    }

    /// <summary>The terminal chunk (<c>done:true</c>, <c>[DONE]</c>, the relay's <c>done</c>) arrived.</summary>
    public void OnTerminal(long now, long? reportedTokens)
    {
        End = now;
        if (reportedTokens is >= 0)
        {
            ReportedTokens = reportedTokens;
        }
    }

    /// <summary>Sets the end of a request that failed, so its E2E is known too.</summary>
    public void OnFailed(long now)
    {
        if (End == 0)
        {
            End = now;
        }
    }

    public bool HasFirstToken => FirstToken != 0;

    public double? HeadersMs => Headers == 0 ? null : Ticks.ToMilliseconds(Headers - Start);

    public double? FirstByteMs => FirstByte == 0 ? null : Ticks.ToMilliseconds(FirstByte - Start);

    public double? TtftMs => FirstToken == 0 ? null : Ticks.ToMilliseconds(FirstToken - Start);

    public double? E2eMs => End == 0 ? null : Ticks.ToMilliseconds(End - Start);

    /// <summary>
    /// Output tokens: the server's count when it is credible, otherwise the content chunks seen
    /// (<see cref="TokenSource"/> says which). Servers that do not count (aimock, some gateways) send
    /// <c>eval_count: 0</c> after real text; reporting that as 0 tokens and 0 tokens/s would hide what arrived.
    /// </summary>
    public long OutputTokens => TokenSource == TokenCountSource.Server ? ReportedTokens!.Value : ContentChunks;

    public TokenCountSource TokenSource => ReportedTokens is not { } reported ? TokenCountSource.ChunksNoCount
        : CountIsCredible(reported, ContentChunks) ? TokenCountSource.Server
        : TokenCountSource.ChunksCountDisagrees;

    public bool TokensAreChunks => TokenSource != TokenCountSource.Server;

    /// <summary>
    /// Whether a server's count can stand for what arrived: every content chunk carries at least one token, so a
    /// count under half the chunks (the slack is for a token split over two chunks) is wrong, and so is one more than
    /// <see cref="MaxTokensPerChunk"/> times the chunks (gateways that batch send tens of tokens a chunk, not more).
    /// With no content chunks (a tool call only, an empty answer) the count stands.
    /// </summary>
    public static bool CountIsCredible(long reported, long chunks) =>
        chunks == 0 || (reported * 2 >= chunks && reported <= chunks * MaxTokensPerChunk);

    public const long MaxTokensPerChunk = 64;

    /// <summary>(E2E − TTFT) / (tokens − 1); undefined for fewer than two tokens.</summary>
    public double? TpotMs => FirstToken == 0 || End == 0 || OutputTokens < 2
        ? null
        : Ticks.ToMilliseconds(End - FirstToken) / (OutputTokens - 1);

    public double? ItlMeanMs => GapCount == 0 ? null : Ticks.ToMilliseconds(GapSumTicks) / GapCount;

    public double? ItlMaxMs => GapCount == 0 ? null : Ticks.ToMilliseconds(GapMaxTicks);
}
