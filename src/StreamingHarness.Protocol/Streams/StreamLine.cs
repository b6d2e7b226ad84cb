namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// What <see cref="StreamLineClassifier"/> read from one stream line. A plain value: nothing is allocated unless the
/// line is an error or malformed (the message strings).
/// </summary>
public readonly record struct StreamLine
{
    public static readonly StreamLine Empty = new() { CompletionTokens = -1 };

    public StreamLineKind Kind { get; init; }

    /// <summary>
    /// The line carries output: non-empty content or thinking, or a tool call. These are the lines TTFT and ITL time
    /// (stream-metrics.md), and the chunks counted when the server gives no token count. A native <c>done:true</c>
    /// line may carry output too.
    /// </summary>
    public bool HasOutput { get; init; }

    /// <summary>The server's own output token count (<c>eval_count</c>, <c>usage.completion_tokens</c>), or -1.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>An OpenAI chunk with a <c>finish_reason</c>: the last chunk of choices, not yet the terminal.</summary>
    public bool HasFinishReason { get; init; }

    /// <summary>An OpenAI chunk with a <c>usage</c> object.</summary>
    public bool HasUsage { get; init; }

    /// <summary>For <see cref="StreamLineKind.Error"/>: the error's <c>code</c>, when it has one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>For <see cref="StreamLineKind.Error"/>: the error's message.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>For <see cref="StreamLineKind.Malformed"/>: what is wrong with the line.</summary>
    public string? Problem { get; init; }

    internal static StreamLine Malformed(string problem) =>
        new() { Kind = StreamLineKind.Malformed, CompletionTokens = -1, Problem = problem };

    internal static StreamLine Error(string? code, string message) =>
        new() { Kind = StreamLineKind.Error, CompletionTokens = -1, ErrorCode = code, ErrorMessage = message };
}
