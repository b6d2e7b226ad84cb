using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>
/// Yields ndjson lines as they arrive, whatever the chunking: a line split across reads (even inside a multi-byte
/// UTF-8 character) is only yielded once its <c>\n</c> is in. A trailing <c>\r</c> is dropped. The line is a view of
/// the read buffer, valid until the next call, so reading allocates nothing per line. Reads from a
/// <see cref="PipeReader"/>, or straight from a <see cref="Stream"/> (see <c>NdjsonReader.Stream.cs</c>).
/// </summary>
public sealed partial class NdjsonReader
{
    /// <summary>Default line limit: Go's official client gives up at 8 MB, so a longer line breaks real clients too.</summary>
    public const int DefaultMaxLineLength = 8 * 1024 * 1024;

    private readonly PipeReader? _reader;
    private readonly int _maxLineLength;
    private ReadOnlySequence<byte> _buffer;
    private SequencePosition _consumed;
    private long _scannedWithoutNewline;
    private bool _holdingBuffer;
    private bool _completed;

    public NdjsonReader(PipeReader reader, int maxLineLength = DefaultMaxLineLength)
        : this(reader ?? throw new ArgumentNullException(nameof(reader)), null, maxLineLength)
    {
    }

    private NdjsonReader(PipeReader? reader, Stream? stream, int maxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        _reader = reader;
        _stream = stream;
        _maxLineLength = maxLineLength;
    }

    /// <summary>The line read by the last successful <see cref="ReadLineAsync"/>, without its line ending.</summary>
    public ReadOnlySequence<byte> Current { get; private set; }

    /// <summary>1-based number of <see cref="Current"/>; blank lines count.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed so far, line endings included.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>
    /// Bytes read from the pipe past the last complete line while waiting for more: a line begun and not ended. Read it
    /// when a read failed, to tell a line cut by a broken connection from a break between lines.
    /// </summary>
    public long BytesPastLastLine => _scannedWithoutNewline;

    /// <summary>
    /// Moves to the next complete line. Returns false at a clean end of the body (the last line had its newline).
    /// Throws <see cref="NdjsonFormatException"/> for a line over the limit or a body that ends mid-line.
    /// </summary>
    // Pooled: a stream waits for the network on nearly every line, and an unpooled builder boxes its state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_holdingBuffer && TryTakeLine(out var done))
            {
                return !done;
            }

            if (_reader is null)
            {
                // The stream's reads, inline rather than in a helper: each async layer is resumed on every token.
                if (_filled == 0)
                {
                    ReleaseBuffer();
                    await _stream!.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    _rented = ArrayPool<byte>.Shared.Rent(StreamReadSize);
                }
                else if (_filled == _rented!.Length)
                {
                    Grow();
                }

                var read = await _stream!.ReadAsync(_rented.AsMemory(_filled), cancellationToken).ConfigureAwait(false);
                _filled += read;
                _buffer = new ReadOnlySequence<byte>(_rented, 0, _filled);
                _completed = read == 0;
            }
            else
            {
                var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                _buffer = result.Buffer;
                _completed = result.IsCompleted || result.IsCanceled;
            }

            _consumed = _buffer.Start;
            _holdingBuffer = true;
        }
    }

    /// <summary>True when a line was taken or the stream ended (<paramref name="done"/>); false when more bytes are needed.</summary>
    private bool TryTakeLine(out bool done)
    {
        done = false;
        var remaining = _buffer.Slice(_consumed);

        // Skip what an earlier pass already searched, so a huge line trickling in is scanned once, not quadratically.
        var unscanned = remaining.Slice(_scannedWithoutNewline);
        var newline = unscanned.PositionOf((byte)'\n');
        if (newline is { } position)
        {
            var line = remaining.Slice(0, position);
            LineNumber++;

            // The limit is on the content: a CRLF line may be one byte longer on the wire.
            var content = TrimCarriageReturn(line);
            if (content.Length > _maxLineLength)
            {
                throw TooLong(content);
            }

            _consumed = _buffer.GetPosition(1, position);
            BytesConsumed += line.Length + 1;
            _scannedWithoutNewline = 0;
            Current = content;
            return true;
        }

        _scannedWithoutNewline = remaining.Length;
        if (remaining.Length > _maxLineLength + 1)
        {
            LineNumber++;
            throw TooLong(remaining);
        }

        if (_completed)
        {
            _holdingBuffer = false;
            if (remaining.Length == 0)
            {
                Consumed(remaining);
                done = true;
                return true;
            }

            LineNumber++;
            var snippet = NdjsonFormatException.MakeSnippet(Head(remaining), remaining.Length);
            var length = remaining.Length;
            Consumed(remaining);
            throw new NdjsonFormatException(
                NdjsonErrorKind.TornLine, LineNumber, $"the body ended mid-line, {length} bytes after the last newline", snippet);
        }

        if (_reader is null)
        {
            KeepUnfinishedLine(remaining);
        }
        else
        {
            _reader.AdvanceTo(remaining.Start, remaining.End);
        }

        _holdingBuffer = false;
        return false;
    }

    /// <summary>At the end of the body: everything was read.</summary>
    private void Consumed(ReadOnlySequence<byte> remaining)
    {
        if (_reader is null)
        {
            ReleaseBuffer();
        }
        else
        {
            _reader.AdvanceTo(remaining.End);
        }
    }

    private NdjsonFormatException TooLong(ReadOnlySequence<byte> line) => new(
        NdjsonErrorKind.LineTooLong,
        LineNumber,
        $"line longer than the limit of {_maxLineLength} bytes",
        NdjsonFormatException.MakeSnippet(Head(line), line.Length));

    private static ReadOnlySpan<byte> Head(ReadOnlySequence<byte> line) =>
        line.Slice(0, Math.Min(line.Length, NdjsonFormatException.SnippetLength)).ToArray();

    private static ReadOnlySequence<byte> TrimCarriageReturn(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            return line;
        }

        var last = line.Slice(line.Length - 1).FirstSpan[0];
        return last == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
    }
}
