namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// The per-request figures of stream-metrics.md over one stream's timestamped lines, defined once for the load
/// harness and the recorder. Timestamps are in the caller's unit (Stopwatch ticks, 100 ns ticks); figures come back
/// in it. A mutable struct that allocates nothing, so a probe can feed it every token.
/// <list type="bullet">
/// <item>TTFT: start → the first line with output (<see cref="StreamLine.HasOutput"/>); a role-only or empty chunk does not count.</item>
/// <item>ITL: each gap between consecutive lines with output (<see cref="OnLine"/> returns it).</item>
/// <item>E2E: start → the terminal line, or the moment a stream without one ended.</item>
/// <item>TPOT: (E2E − TTFT) / (output tokens − 1), only when output tokens &gt; 1.</item>
/// <item>Output tokens: the server's own count when it gave a credible one, otherwise the lines with output ("chunks").</item>
/// </list>
/// </summary>
public struct StreamTimeline
{
    public StreamTimeline(long start) => Start = start;

    public long Start { get; private set; }

    public long FirstOutput { get; private set; }

    public long LastOutput { get; private set; }

    public long End { get; private set; }

    public bool HasFirstOutput { get; private set; }

    public bool HasEnd { get; private set; }

    /// <summary>Lines that carried output.</summary>
    public long OutputChunks { get; private set; }

    /// <summary>The server's count (<c>eval_count</c>, <c>usage.completion_tokens</c>), when it gave one.</summary>
    public long? ReportedTokens { get; private set; }

    /// <summary>Restarts the timeline at <paramref name="start"/> (a request is about to be sent).</summary>
    public void Begin(long start) => this = new StreamTimeline(start);

    /// <summary>A line arrived at <paramref name="at"/>. Returns the inter-token gap it closes, or -1 when it closes none.</summary>
    public long OnLine(long at, bool hasOutput)
    {
        if (!hasOutput)
        {
            return -1;
        }

        OutputChunks++;
        var gap = HasFirstOutput ? at - LastOutput : -1;
        if (!HasFirstOutput)
        {
            FirstOutput = at;
            HasFirstOutput = true;
        }

        LastOutput = at;
        return gap;
    }

    /// <summary>The server's own token count arrived (a usage chunk, the final chunk); a negative count is none.</summary>
    public void OnReportedTokens(long tokens)
    {
        if (tokens >= 0)
        {
            ReportedTokens = tokens;
        }
    }

    /// <summary>The terminal line arrived: E2E ends here.</summary>
    public void OnTerminal(long at, long reportedTokens = -1)
    {
        End = at;
        HasEnd = true;
        OnReportedTokens(reportedTokens);
    }

    /// <summary>The stream ended without a terminal line (a failure, a cut): E2E ends here unless a terminal came first.</summary>
    public void OnEnded(long at)
    {
        if (!HasEnd)
        {
            End = at;
            HasEnd = true;
        }
    }

    public readonly long? Ttft => HasFirstOutput ? FirstOutput - Start : null;

    public readonly long? E2e => HasEnd ? End - Start : null;

    /// <summary>The server's count when it gave a credible one (<see cref="CountIsCredible"/>), otherwise the output chunks.</summary>
    public readonly long OutputTokens => TokensAreChunks ? OutputChunks : ReportedTokens!.Value;

    /// <summary>True when <see cref="OutputTokens"/> counts chunks: the server gave no count, or one that cannot be right.</summary>
    public readonly bool TokensAreChunks => ReportedTokens is not { } reported || !CountIsCredible(reported, OutputChunks);

    /// <summary>
    /// The output tokens of a stream, the one rule for everyone who reports them (the client's summary, the relay's
    /// <c>done</c>, the probes): the server's count (<paramref name="reported"/>, negative when it gave none) when it is
    /// credible, otherwise the chunks with output (<c>OllamaChunk.HasOutput</c>, <see cref="StreamLine.HasOutput"/>).
    /// </summary>
    public static long OutputTokensOf(long reported, long outputChunks) =>
        reported >= 0 && CountIsCredible(reported, outputChunks) ? reported : outputChunks;

    /// <summary>
    /// Whether a server's count can stand for what arrived. Servers that do not count (aimock, some gateways) send
    /// <c>eval_count: 0</c> after real text; reporting that as 0 tokens and 0 tokens/s would hide what arrived. Every
    /// output chunk carries at least one token, so a count under half the chunks (the slack is for a token split over
    /// two chunks) is wrong, and so is one more than <see cref="MaxTokensPerChunk"/> times the chunks (gateways that
    /// batch send tens of tokens a chunk, not more). With no output chunks (an empty answer) the count stands.
    /// </summary>
    public static bool CountIsCredible(long reported, long chunks) =>
        chunks == 0 || (reported * 2 >= chunks && reported <= chunks * MaxTokensPerChunk);

    public const long MaxTokensPerChunk = 64;

    public readonly double? Tpot => HasFirstOutput && HasEnd && OutputTokens > 1 ? (double)(End - FirstOutput) / (OutputTokens - 1) : null;
}
