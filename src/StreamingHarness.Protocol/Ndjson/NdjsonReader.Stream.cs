using System.Buffers;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>
/// Reading straight from a stream, for a reader that owns the body (the Ollama chunk reader over HttpClient's body):
/// one async layer where a <see cref="System.IO.Pipelines.PipeReader"/> over the stream would add a second one, with
/// its own buffer segments and cancellation registration, resumed on every token. As with the pipe's zero-byte reads,
/// the reader waits for bytes with a zero-byte read and only then rents its buffer, and gives it back once every line
/// in it was taken: a stream waiting for its next token holds no buffer.
/// </summary>
public sealed partial class NdjsonReader
{
    // What a pipe over a stream reads at once by default.
    private const int StreamReadSize = 4096;

    private readonly Stream? _stream;
    private byte[]? _rented;
    private int _filled;

    /// <summary>Reads lines straight from <paramref name="stream"/>; call <see cref="ReleaseBuffer"/> when done with it.</summary>
    public NdjsonReader(Stream stream, int maxLineLength = DefaultMaxLineLength)
        : this(null, stream ?? throw new ArgumentNullException(nameof(stream)), maxLineLength)
    {
    }

    /// <summary>Gives the read buffer of a stream reader back to the pool; <see cref="Current"/> is no longer valid.</summary>
    public void ReleaseBuffer()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            _filled = 0;
            _buffer = default;
            _holdingBuffer = false;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>No newline in what is left: it moves to the front of the buffer, where the next read continues it.</summary>
    private void KeepUnfinishedLine(ReadOnlySequence<byte> remaining)
    {
        remaining.CopyTo(_rented);
        _filled = (int)remaining.Length;
    }

    /// <summary>A line longer than the buffer: a buffer twice as large (the line limit bounds it).</summary>
    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(_rented!.Length * 2);
        _rented.AsSpan(0, _filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = larger;
    }
}
