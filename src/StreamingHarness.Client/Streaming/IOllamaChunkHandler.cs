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
    /// True to be given the chunks without output that come before the first token (a pass-through forwards every
    /// line); false (the default) skips them. Either way the first token is the first chunk with output
    /// (<see cref="OllamaChunk.HasOutput"/>), and only it stops the first-token clock.
    /// </summary>
    bool TakesChunksBeforeFirstToken => false;

    /// <summary>
    /// Once, just before the first chunk with output reaches <see cref="OnChunk"/> or <see cref="OnDone"/>. An answer
    /// with no output at all (a done chunk alone) has no first token: <see cref="OnDone"/> comes without it.
    /// </summary>
    void OnFirstToken();

    /// <summary>A <c>done:false</c> chunk from the first token on.</summary>
    void OnChunk(in OllamaChunk chunk, ReadOnlySequence<byte> line);

    /// <summary>The <c>done:true</c> chunk. The stream is a success only once the body then ends cleanly.</summary>
    void OnDone(in OllamaChunk chunk, ReadOnlySequence<byte> line);

    /// <summary>A malformed line skipped because <c>SkipMalformedLines</c> is on.</summary>
    void OnMalformedLineSkipped();
}
