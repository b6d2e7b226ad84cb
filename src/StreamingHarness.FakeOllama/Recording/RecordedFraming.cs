using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>Which framing a recorded body has, from its content type and shape.</summary>
internal static class RecordedFraming
{
    public static bool IsEventStream(string? contentType) =>
        contentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// SSE for an event stream; one JSON body for a single-line answer that is not declared ndjson (errors,
    /// stream:false); ndjson otherwise, whatever the declared type (a stream sent as application/json stays a stream).
    /// </summary>
    public static StreamFraming Of(string? contentType, int lines) =>
        IsEventStream(contentType) ? StreamFraming.Sse
        : lines <= 1 && contentType?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) != true ? StreamFraming.Json
        : StreamFraming.Ndjson;

    /// <summary>Where the frame ends: after <c>\n\n</c> for SSE, after <c>\n</c> otherwise; -1 when incomplete.</summary>
    public static int FrameEnd(ReadOnlySpan<byte> pending, bool eventStream)
    {
        if (!eventStream)
        {
            var newline = pending.IndexOf((byte)'\n');
            return newline < 0 ? -1 : newline + 1;
        }

        var blank = pending.IndexOf("\n\n"u8);
        return blank < 0 ? -1 : blank + 2;
    }
}
