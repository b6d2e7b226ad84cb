using System.Buffers;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// How one stream looks to its client: the relay's SSE events, or Ollama's own ndjson for the pass-through.
/// One instance per stream. The write methods only format into the stream's buffer; the caller publishes.
/// </summary>
internal interface IStreamFormat
{
    string ContentType { get; }

    /// <summary>Whether <c>: ping</c> comments and early commit are possible (SSE yes, ndjson no).</summary>
    bool SupportsHeartbeat { get; }

    /// <summary>Whether the headers and <see cref="WriteStart"/> go out before the upstream answers, even without a heartbeat.</summary>
    bool CommitsAtOnce => false;

    /// <summary>
    /// True when chunks without output before the first token are sent too (the pass-through forwards every line, and
    /// the first one commits the headers); false skips them, so the first token (the first chunk with output) commits.
    /// </summary>
    bool ForwardsChunksBeforeFirstToken => false;

    /// <summary>Written once, just before the first token (or at commit with a heartbeat).</summary>
    void WriteStart(IBufferWriter<byte> output);

    /// <summary>A <c>done:false</c> chunk that came after the first token (possibly held back for coalescing).</summary>
    void WriteChunk(IBufferWriter<byte> output, in OllamaChunk chunk, ReadOnlySequence<byte> line);

    /// <summary>True while tokens are held back for the coalescing window.</summary>
    bool HasPending { get; }

    void FlushPending(IBufferWriter<byte> output);

    void WriteDone(IBufferWriter<byte> output, DoneSummary done, StreamTiming timing);

    void WriteError(IBufferWriter<byte> output, RelayFailure failure);

    /// <summary>
    /// True when nothing may go out before the end (a <c>stream:false</c> answer): the headers are sent with the done
    /// event, and a failure before it is still a real HTTP status.
    /// </summary>
    bool DefersOutput => false;

    /// <summary>Before the headers went out: the failure as a real HTTP response.</summary>
    Task WriteRejectionAsync(HttpContext context, RelayFailure failure);
}
