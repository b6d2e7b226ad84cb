using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Pipeline;

/// <summary>Lines too long to hold whole (#26, point 7): written in bounded pieces, each flushed as it goes.</summary>
internal sealed partial class ResponseStream
{
    /// <summary>How much of a spliced line is produced and flushed at a time.</summary>
    private const int SplicePieceBytes = 64 * 1024;

    /// <summary>
    /// Writes <paramref name="value"/> (an ndjson line, or the body when <paramref name="kind"/> is
    /// <see cref="LineKind.Body"/>) with <paramref name="splice"/>'s bytes inserted right after the first
    /// <paramref name="anchor"/> in its JSON; the anchor must come before any string that could contain it unescaped.
    /// Without faults the line goes out in pieces, never whole; the bytes are the same either way. Faults are handed
    /// the exact line, so with faults it is built whole as any other line.
    /// </summary>
    public async ValueTask<bool> WriteSplicedAsync<T>(
        T value, JsonTypeInfo<T> typeInfo, LineKind kind, ReadOnlyMemory<byte> anchor, ILineSplice splice, int textLength = 0)
    {
        if (Ended)
        {
            return false;
        }

        if (_framing is not StreamFraming.Ndjson and not StreamFraming.Json)
        {
            throw new InvalidOperationException($"A spliced line is ndjson or a JSON body, not {_framing}.");
        }

        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, FastPath(typeInfo));
        _json.Flush();
        if (kind != LineKind.Body && _framing == StreamFraming.Ndjson)
        {
            _buffer.Write("\n"u8);
        }

        var at = _buffer.WrittenSpan.IndexOf(anchor.Span);
        if (at < 0)
        {
            throw new InvalidOperationException("The line has no anchor to splice at.");
        }

        var head = _buffer.WrittenMemory[..(at + anchor.Length)];
        var tail = _buffer.WrittenMemory[(at + anchor.Length)..];
        if (_scenario.Faults.Count > 0)
        {
            var whole = new ArrayBufferWriter<byte>(_buffer.WrittenCount + SplicePieceBytes);
            whole.Write(head.Span);
            while (splice.Fill(whole.GetSpan(SplicePieceBytes)) is var filled and > 0)
            {
                whole.Advance(filled);
            }

            whole.Write(tail.Span);
            return await EmitAsync(new OutgoingLine(kind, whole.WrittenMemory, TokensDelivered), textLength).ConfigureAwait(false);
        }

        return await WritePiecesAsync(head, splice, tail).ConfigureAwait(false)
            && Delivered(new OutgoingLine(kind, ReadOnlyMemory<byte>.Empty, TokensDelivered), textLength, ReadOnlySpan<byte>.Empty);
    }

    private async ValueTask<bool> WritePiecesAsync(ReadOnlyMemory<byte> head, ILineSplice splice, ReadOnlyMemory<byte> tail)
    {
        if (!HeadersSent && !await StartAsync().ConfigureAwait(false))
        {
            return false;
        }

        if (!await WriteRawAsync(head, flush: false).ConfigureAwait(false))
        {
            return false;
        }

        var piece = ArrayPool<byte>.Shared.Rent(SplicePieceBytes);
        try
        {
            while (splice.Fill(piece) is var filled and > 0)
            {
                if (!await WriteRawAsync(piece.AsMemory(0, filled), flush: true).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece);
        }

        return await WriteRawAsync(tail, flush: true).ConfigureAwait(false);
    }
}
