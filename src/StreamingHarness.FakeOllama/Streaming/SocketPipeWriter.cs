using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>
/// The response side of one connection, written straight to its socket: each flush is one <c>send()</c> of everything
/// written since the last flush, made on the flushing thread, and the flush completes once the kernel holds the bytes.
/// So a line is one write on the wire (as Ollama's Go server writes it), a reset or close that follows a flush can never
/// overtake it, and a line costs no thread hop. Hand-written because Kestrel's socket transport hands flushed bytes to
/// a send loop on another thread, and waiting for that loop (a 1-byte write buffer) cost a round trip per line.
/// When the client is slow and the kernel buffer is full, the flush completes later, as a socket send does.
/// </summary>
internal sealed class SocketPipeWriter(Socket socket) : PipeWriter
{
    private const int MinimumBufferSize = 4096;

    private readonly Socket _socket = NonBlocking(socket);
    private readonly Lock _gate = new();
    private byte[]? _buffer;
    private int _written;
    private bool _sending;
    private bool _completed;
    private bool _failed;
    private bool _cancelNextFlush;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _written;

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, (_buffer?.Length ?? 0) - _written);
        _written += bytes;
    }

    /// <summary>
    /// One lock per line: the send is tried under the gate, where it nearly always completes at once (a non-blocking
    /// socket whose kernel buffer has room), so the usual flush is one lock and one <c>send()</c>.
    /// </summary>
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_completed || _failed)
            {
                ReleaseBuffer();
                return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: true));
            }

            if (_cancelNextFlush)
            {
                _cancelNextFlush = false;
                return new ValueTask<FlushResult>(new FlushResult(isCanceled: true, isCompleted: false));
            }

            return _written == 0 ? default : Send(cancellationToken);
        }
    }

    /// <summary>
    /// Appends <paramref name="data"/> as one HTTP/1.1 chunk (its size in lower-case hex, CRLF, the data, CRLF: the bytes
    /// Kestrel's chunked writer frames) and flushes it, as one lock and one <c>send()</c>. For a response whose head
    /// Kestrel has sent and whose every write so far was flushed: its common line then skips Kestrel's response writer
    /// (its lock, its chunk framing in place and the flush through it), which the paced fake paid per token (issue 23).
    /// </summary>
    public ValueTask<FlushResult> WriteChunkAsync(ReadOnlySpan<byte> data, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_completed && !_failed && !_cancelNextFlush && !data.IsEmpty)
            {
                var span = Reserve(data.Length + 12).AsSpan(_written);
                var size = data.Length;
                var digits = size == 0 ? 1 : ((31 - int.LeadingZeroCount(size)) / 4) + 1;
                for (var i = digits - 1; i >= 0; i--, size >>= 4)
                {
                    span[i] = "0123456789abcdef"u8[size & 0xF];
                }

                "\r\n"u8.CopyTo(span[digits..]);
                data.CopyTo(span[(digits + 2)..]);
                "\r\n"u8.CopyTo(span[(digits + 2 + data.Length)..]);
                _written += digits + 4 + data.Length;
                return Send(cancellationToken);
            }
        }

        // Nothing to send (an empty chunk would end the body): the flush reports what ended the writer, or the cancel asked for.
        return FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Under the gate: sends what is written; a send that cannot complete at once goes on without the gate. The send is
    /// first tried without waiting (<see cref="NonBlocking"/>): a synchronous <c>send()</c> that returns at once, cheaper
    /// than <c>SendAsync</c>'s event arguments, which only a full kernel buffer (or a cancelled flush) still needs.
    /// </summary>
    private ValueTask<FlushResult> Send(CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested)
        {
            int taken;
            SocketError error;
            try
            {
                taken = _socket.Send(_buffer.AsSpan(0, _written), SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                return Failed();
            }

            if (error == SocketError.Success && taken == _written)
            {
                ReleaseBuffer();
                return default;
            }

            if (error is not (SocketError.Success or SocketError.WouldBlock))
            {
                return Failed();
            }

            _sending = true;
            return AwaitSendAsync(default, error == SocketError.Success ? taken : 0, cancellationToken);
        }

        ValueTask<int> send;
        try
        {
            send = _socket.SendAsync(_buffer.AsMemory(0, _written), SocketFlags.None, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return Failed();
        }

        _sending = true;
        if (!send.IsCompletedSuccessfully)
        {
            return AwaitSendAsync(send, 0, cancellationToken);
        }

        var sent = send.Result;
        if (sent != _written)
        {
            return AwaitSendAsync(default, sent, cancellationToken);
        }

        // Neither a cancel nor a completion could come in meanwhile: both wait for the gate.
        _sending = false;
        ReleaseBuffer();
        return default;
    }

    /// <summary>Under the gate: the send failed, so the client is gone (see <see cref="Sent"/>).</summary>
    private ValueTask<FlushResult> Failed()
    {
        _failed = true;
        ReleaseBuffer();
        return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: true));
    }

    /// <summary>The kernel's buffer was full (a slow client) or it took part of the bytes: finish the send later.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<FlushResult> AwaitSendAsync(ValueTask<int> pending, int offset, CancellationToken cancellationToken)
    {
        try
        {
            offset += await pending.ConfigureAwait(false);
            while (offset < _written)
            {
                offset += await _socket.SendAsync(_buffer.AsMemory(offset, _written - offset), SocketFlags.None, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return Sent(failed: true);
        }
        catch (OperationCanceledException)
        {
            Sent(failed: true);
            throw;
        }

        return Sent(failed: false);
    }

    /// <summary>
    /// A send that failed means the client is gone: the flush reports the reader completed, as Kestrel's own transport
    /// does, and Kestrel then aborts the request.
    /// </summary>
    private FlushResult Sent(bool failed)
    {
        lock (_gate)
        {
            _sending = false;
            _failed |= failed;
            ReleaseBuffer();
            var canceled = _cancelNextFlush;
            _cancelNextFlush = false;
            return new FlushResult(canceled, _failed || _completed);
        }
    }

    public override void CancelPendingFlush()
    {
        lock (_gate)
        {
            _cancelNextFlush = true;
        }
    }

    public override void Complete(Exception? exception = null)
    {
        lock (_gate)
        {
            _completed = true;
            if (!_sending)
            {
                ReleaseBuffer();
            }
        }
    }

    /// <summary>
    /// A synchronous send on this socket returns at once (<see cref="SocketError.WouldBlock"/> when the kernel's buffer is
    /// full) instead of waiting. Only synchronous calls see the setting: Kestrel's reads on the socket are asynchronous.
    /// </summary>
    private static Socket NonBlocking(Socket socket)
    {
        socket.Blocking = false;
        return socket;
    }

    /// <summary>Rents the buffer on the first write after a flush, and grows it (keeping what is written) when needed.</summary>
    private byte[] Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (_buffer is { } buffer && buffer.Length >= needed)
        {
            return buffer;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(MinimumBufferSize, Math.Max(needed, (_buffer?.Length ?? 0) * 2)));
        if (_buffer is { } old)
        {
            old.AsSpan(0, _written).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(old);
        }

        _buffer = grown;
        return grown;
    }

    /// <summary>Hands the buffer back after every flush, so an idle connection holds no memory.</summary>
    private void ReleaseBuffer()
    {
        _written = 0;
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
