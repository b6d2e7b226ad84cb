namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>How the response body is framed.</summary>
public enum StreamFraming
{
    /// <summary>Native API stream: one JSON object per line, <c>application/x-ndjson</c>.</summary>
    Ndjson,

    /// <summary>OpenAI-compatible stream: <c>data: {json}\n\n</c> frames, <c>text/event-stream</c>.</summary>
    Sse,

    /// <summary>A non-streamed answer: the whole body in one write.</summary>
    Json,
}
