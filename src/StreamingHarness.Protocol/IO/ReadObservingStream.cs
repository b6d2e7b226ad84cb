using System.Runtime.CompilerServices;

namespace StreamingHarness.Protocol.IO;

/// <summary>
/// A read-only wrapper that tells its subclass about every completed read of the inner stream, before any parser on
/// top sees the bytes. The relay counts upstream bytes with it (to tell a line cut mid-way from a break between
/// lines); the load harness stamps time to first byte with it.
/// </summary>
public abstract class ReadObservingStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    // Pooled: nearly every read of a stream waits for the network, and an unpooled builder boxes its state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);

        // A zero-byte read (a pipe waiting for data without holding a buffer) returns 0 when bytes are ready: not a read.
        if (!buffer.IsEmpty)
        {
            OnRead(read);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        OnRead(read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Called after each read with the number of bytes it returned (0 at the end of the body).</summary>
    protected abstract void OnRead(int bytes);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
