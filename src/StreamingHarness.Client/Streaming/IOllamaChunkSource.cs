namespace StreamingHarness.Client.Streaming;

/// <summary>
/// A stream of Ollama chunks, whatever the upstream speaks: Ollama's ndjson (<see cref="OllamaChunkReader"/>) or an
/// OpenAI-compatible SSE stream translated chunk by chunk (<see cref="OpenAi.OpenAiChunkSource"/>). Both end the same
/// way: <see cref="ReadLineAsync"/> returns false after a done chunk and a clean end, or an
/// <see cref="OllamaStreamException"/> with the same codes says what broke.
/// </summary>
public interface IOllamaChunkSource : IAsyncDisposable
{
    /// <summary>
    /// Tokens so far: chunks with output (<see cref="StreamingHarness.Protocol.Ndjson.OllamaChunk.HasOutput"/>: content,
    /// thinking or a tool call). Written by the reading loop alone; the relay's metrics read it from a collection's
    /// thread, where a 64-bit count is read whole and may be a token behind.
    /// </summary>
    long TokensReceived { get; }

    /// <summary>Bytes of the body consumed.</summary>
    long BytesConsumed { get; }

    /// <summary>Waits for the next line or event; false once the stream is over and whole.</summary>
    ValueTask<bool> ReadLineAsync();

    /// <summary>Checks what <see cref="ReadLineAsync"/> just read and gives it to <paramref name="handler"/>.</summary>
    OllamaLineResult HandleLine(IOllamaChunkHandler handler);
}
