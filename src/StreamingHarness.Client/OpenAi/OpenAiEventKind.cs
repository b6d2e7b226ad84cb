namespace StreamingHarness.Client.OpenAi;

/// <summary>What one SSE <c>data:</c> payload of a chat-completions stream is.</summary>
internal enum OpenAiEventKind
{
    /// <summary>A <c>chat.completion.chunk</c>: a delta, a finish reason, usage, or nothing at all.</summary>
    Chunk,

    /// <summary><c>data: [DONE]</c>, the end marker.</summary>
    DoneMarker,

    /// <summary>A payload with a non-null top-level <c>error</c>.</summary>
    Error,

    /// <summary>Not JSON, or a field of the wrong type.</summary>
    Malformed,

    /// <summary>Longer than the line limit: fails the stream even when malformed events are skipped.</summary>
    TooLong,

    /// <summary>Not an upstream event: the end was reached after a finish reason, and the reader stands in for <c>[DONE]</c>.</summary>
    EndAfterFinish,
}
