using System.Buffers;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>
/// <see cref="NdjsonReader"/>'s framing (a trailing <c>\r</c> dropped, the same line limit, the same errors) over one
/// pooled array that the caller fills from its stream itself, the lines taken synchronously. Why not NdjsonReader:
/// over a PipeReader it adds the pipe's async layer and its own, and over a stream still its own (and a zero-byte read
/// per token), each resumed on every token; a caller that awaits its stream directly and takes the lines here pays
/// none. The load harness's ndjson probe, its hottest reader, measured 22% less CPU per token than through
/// TimingReadStream, a pipe and NdjsonReader (docs/performance.md, "The harness's read path"). Nothing is allocated per
/// line; memory grows only for a line longer than the buffer, up to the limit.
/// </summary>
public sealed class NdjsonLineBuffer : IDisposable
{
    private const int InitialSize = 4096;

    /// <summary>The least free space a read is given, as the harness's PipeReader had it (its minimumReadSize).</summary>
    private const int MinimumRead = 1024;

    private readonly int _maxLineLength;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start;
    private int _end;
    private int _scannedWithoutNewline;

    public NdjsonLineBuffer(int maxLineLength = NdjsonReader.DefaultMaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        _maxLineLength = maxLineLength;
    }

    /// <summary>1-based number of the line last taken by <see cref="TryReadLine"/>; blank lines count.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Where the next read goes: free space after the bytes not yet taken, compacted or grown as needed.</summary>
    public Memory<byte> GetMemory()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }

        if (_buffer.Length - _end < MinimumRead)
        {
            var pending = _end - _start;
            var target = _buffer;
            if (pending + MinimumRead > _buffer.Length)
            {
                target = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, pending + MinimumRead));
            }

            Buffer.BlockCopy(_buffer, _start, target, 0, pending);
            if (!ReferenceEquals(target, _buffer))
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = target;
            }

            _start = 0;
            _end = pending;
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Counts <paramref name="count"/> bytes the caller read into <see cref="GetMemory"/>'s space.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>
    /// Takes the next complete line, without its line ending; the span is valid until the next call. False when more
    /// bytes are needed. Throws <see cref="NdjsonFormatException"/> for a line over the limit.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);

        // Skip what an earlier call already searched, so a long line trickling in is scanned once, not quadratically.
        var newline = pending[_scannedWithoutNewline..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            _scannedWithoutNewline = pending.Length;
            if (pending.Length > _maxLineLength + 1)
            {
                LineNumber++;
                throw TooLong(pending);
            }

            line = default;
            return false;
        }

        newline += _scannedWithoutNewline;
        LineNumber++;

        // The limit is on the content: a CRLF line may be one byte longer on the wire.
        var content = pending[..newline];
        if (!content.IsEmpty && content[^1] == (byte)'\r')
        {
            content = content[..^1];
        }

        if (content.Length > _maxLineLength)
        {
            throw TooLong(content);
        }

        _start += newline + 1;
        _scannedWithoutNewline = 0;
        line = content;
        return true;
    }

    /// <summary>The body ended: a <see cref="NdjsonErrorKind.TornLine"/> error when bytes after the last newline remain.</summary>
    public void Complete()
    {
        var remaining = _end - _start;
        if (remaining == 0)
        {
            return;
        }

        LineNumber++;
        throw new NdjsonFormatException(
            NdjsonErrorKind.TornLine,
            LineNumber,
            $"the body ended mid-line, {remaining} bytes after the last newline",
            NdjsonFormatException.MakeSnippet(_buffer.AsSpan(_start, remaining)));
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private NdjsonFormatException TooLong(ReadOnlySpan<byte> line) => new(
        NdjsonErrorKind.LineTooLong,
        LineNumber,
        $"line longer than the limit of {_maxLineLength} bytes",
        NdjsonFormatException.MakeSnippet(line));
}
