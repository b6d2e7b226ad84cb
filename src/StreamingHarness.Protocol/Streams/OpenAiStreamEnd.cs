namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// How an OpenAI chat-completions SSE stream ends, for the client's reader, the probes, the recorder and
/// <c>inspect</c>. The end marker is <c>data: [DONE]</c>, whitespace around it allowed (servers differ on a trailing
/// space or <c>\r</c>). A body that ends cleanly without it is still whole when a chunk with a <c>finish_reason</c> came
/// first: the answer announced its end and only the marker (and perhaps usage) is missing, which is how OpenAI's own
/// clients take it. A body that ends with neither was truncated, and a connection that breaks is never an end.
/// </summary>
public static class OpenAiStreamEnd
{
    /// <summary>What a stream that was cut short lacked, for the failure's message.</summary>
    public const string Missing = "without data: [DONE] or a finish_reason";

    /// <summary>True when an SSE <c>data:</c> payload is the end marker.</summary>
    public static bool IsDoneMarker(ReadOnlySpan<byte> data) => data.Trim(" \t\r\n"u8).SequenceEqual("[DONE]"u8);

    /// <summary>Whether a body that ended cleanly without the end marker is whole: a finish reason came before its end.</summary>
    public static bool IsWholeWithoutDoneMarker(bool sawFinishReason) => sawFinishReason;
}
