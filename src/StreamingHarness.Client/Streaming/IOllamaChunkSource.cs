namespace StreamingHarness.Client.Streaming;

/// <summary>
/// A stream of Ollama chunks, whatever the upstream speaks: Ollama's ndjson (<see cref="OllamaChunkReader"/>) or an
/// OpenAI-compatible SSE stream translated chunk by chunk (<see cref="OpenAi.OpenAiChunkSource"/>). Both end the same
/// way: <see cref="ReadLineAsync"/> returns false after a done chunk and a clean end, or an
/// <see cref="OllamaStreamException"/> with the same codes says what broke.
/// </summary>
public interface IOllamaChunkSource : IAsyncDisposable
{
    /// <summary>Tokens so far: chunks with content or thinking.</summary>
    long TokensReceived { get; }

    /// <summary>Bytes of the body consumed.</summary>
    long BytesConsumed { get; }

    /// <summary>Waits for the next line or event; false once the stream is over and whole.</summary>
    ValueTask<bool> ReadLineAsync();

    /// <summary>Checks what <see cref="ReadLineAsync"/> just read and gives it to <paramref name="handler"/>.</summary>
    OllamaLineResult HandleLine(IOllamaChunkHandler handler);
}
