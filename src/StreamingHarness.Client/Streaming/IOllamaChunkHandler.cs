using System.Buffers;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Client.Streaming;

/// <summary>
/// What a reader of the stream does with each valid chunk. Called synchronously by
/// <see cref="OllamaChunkReader.HandleLine"/>; the chunk and the line are views of the read buffer, valid only
/// during the call.
/// </summary>
public interface IOllamaChunkHandler
{
    /// <summary>
    /// True when this chunk is the first worth passing on: it stops the first-token clock. Chunks before it are
    /// skipped (an empty chunk is not a token).
    /// </summary>
    bool IsFirstToken(in OllamaChunk chunk);

    /// <summary>Once, just before the first token's <see cref="OnChunk"/> or <see cref="OnDone"/>.</summary>
    void OnFirstToken();

    /// <summary>A <c>done:false</c> chunk from the first token on.</summary>
    void OnChunk(in OllamaChunk chunk, ReadOnlySequence<byte> line);

    /// <summary>The <c>done:true</c> chunk. The stream is a success only once the body then ends cleanly.</summary>
    void OnDone(in OllamaChunk chunk, ReadOnlySequence<byte> line);

    /// <summary>A malformed line skipped because <c>SkipMalformedLines</c> is on.</summary>
    void OnMalformedLineSkipped();
}
