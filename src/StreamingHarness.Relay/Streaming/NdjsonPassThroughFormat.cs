using System.Buffers;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Ollama's own ndjson, for <c>/api/chat</c> and <c>/api/generate</c>: every valid upstream line is forwarded as it
/// came (CRLF and blank lines normalised away, since real clients choke on them), and any failure after the first
/// line becomes one in-band <c>{"error":"..."}</c> line, as Ollama itself reports mid-stream errors.
/// </summary>
internal sealed class NdjsonPassThroughFormat : IStreamFormat
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public string ContentType => "application/x-ndjson";

    public bool SupportsHeartbeat => false;

    public bool HasPending => false;

    public bool ForwardsChunksBeforeFirstToken => true;

    public void WriteStart(IBufferWriter<byte> output)
    {
    }

    public void WriteChunk(IBufferWriter<byte> output, in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment)
        {
            // Nearly every line: one copy with its newline, instead of the sequence's enumerator and two writes.
            var span = output.GetSpan(checked((int)line.Length + 1));
            line.FirstSpan.CopyTo(span);
            span[(int)line.Length] = (byte)'\n';
            output.Advance((int)line.Length + 1);
            return;
        }

        foreach (var segment in line)
        {
            output.Write(segment.Span);
        }

        output.Write(Newline);
    }

    public void FlushPending(IBufferWriter<byte> output)
    {
    }

    public void WriteDone(IBufferWriter<byte> output, DoneSummary done, StreamTiming timing)
    {
        output.Write(done.RawLine);
        output.Write(Newline);
    }

    public void WriteError(IBufferWriter<byte> output, RelayFailure failure)
    {
        OllamaErrorBody.Write(output, failure.Message);
        output.Write(Newline);
    }

    /// <summary>Ollama's error shape and content type (the JS client only reads the message from application/json).</summary>
    public Task WriteRejectionAsync(HttpContext context, RelayFailure failure) =>
        RefusalResponder.WriteAsync(
            context, failure.HttpStatus, failure.Code, failure.Code, failure.Message, failure.Retryable, failure.RetryAfter);
}
