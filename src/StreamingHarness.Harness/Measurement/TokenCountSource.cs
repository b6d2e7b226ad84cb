namespace StreamingHarness.Harness.Measurement;

/// <summary>Where a request's output-token figure came from.</summary>
internal enum TokenCountSource
{
    /// <summary>The server's own count (<c>eval_count</c>, <c>usage.completion_tokens</c>, the relay's done count).</summary>
    Server,

    /// <summary>The content chunks seen: the server gave no count.</summary>
    ChunksNoCount,

    /// <summary>
    /// The content chunks seen: the server's count was zero or far from them (see
    /// <see cref="Protocol.Streams.StreamTimeline.CountIsCredible"/>).
    /// </summary>
    ChunksCountDisagrees,
}
