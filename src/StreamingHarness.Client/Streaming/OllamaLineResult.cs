namespace StreamingHarness.Client.Streaming;

/// <summary>What <see cref="OllamaChunkReader.HandleLine"/> made of a line.</summary>
public enum OllamaLineResult
{
    /// <summary>Nothing to pass on: a blank line, a chunk before the first token, a skipped malformed line.</summary>
    Skipped,

    /// <summary><see cref="IOllamaChunkHandler.OnChunk"/> was called.</summary>
    Chunk,

    /// <summary><see cref="IOllamaChunkHandler.OnDone"/> was called; keep reading to confirm the clean end.</summary>
    Done,
}
