using System.Buffers;
using System.IO.Pipelines;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Sits between the upstream reader and the client. Events are written into a per-stream buffer and a pump copies
/// them to the client, flushing each batch; the reader never waits for the client, so a slow client cannot stall
/// the upstream clocks, and the buffer is bounded: past <see cref="StreamingOptions.MaxBufferedBytes"/> the stream
/// fails with <c>client_too_slow</c>. With a heartbeat the pump writes a comment line when the stream was silent.
/// </summary>
internal sealed class ClientOutput : IAsyncDisposable
{
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    // Inline reader scheduling: publishing an event runs the pump on the publisher's thread until the pump has to wait
    // for the client, instead of a thread-pool hop (and its allocation) per event.
    private readonly Pipe _buffer = new(new PipeOptions(
        readerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private readonly PipeWriter _client;
    private readonly Func<CancellationToken, Task> _startResponse;
    private readonly Action _abort;
    private readonly StreamingOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _clientAborted;
    private long _buffered;
    private long _delivered;
    private Task? _pump;
    private ITimer? _heartbeat;
    private volatile bool _wroteSinceTick;
    private volatile bool _clientGone;

    /// <param name="client">The response body.</param>
    /// <param name="startResponse">Sends the status line and headers.</param>
    /// <param name="abort">Drops the client connection; it must cancel <paramref name="clientAborted"/>.</param>
    /// <param name="options">Buffer limits and the heartbeat interval.</param>
    /// <param name="time">The clock behind the heartbeat timer.</param>
    /// <param name="clientAborted">Fires when the client goes away.</param>
    public ClientOutput(
        PipeWriter client, Func<CancellationToken, Task> startResponse, Action abort, StreamingOptions options, TimeProvider time,
        CancellationToken clientAborted)
    {
        _client = client;
        _startResponse = startResponse;
        _abort = abort;
        _options = options;
        _time = time;
        _clientAborted = clientAborted;
    }

    /// <summary>Where events are formatted; nothing is sent until <see cref="Publish"/>.</summary>
    public PipeWriter Writer => _buffer.Writer;

    /// <summary>True once the response headers went out: from then on, failures are reported in the stream.</summary>
    public bool Started => _pump is not null;

    public bool ClientGone => _clientGone || _clientAborted.IsCancellationRequested;

    /// <summary>Bytes the client has accepted (flushed to it).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Sends the response headers and starts copying events. Idempotent.</summary>
    public async Task StartAsync(bool heartbeat)
    {
        if (_pump is not null)
        {
            return;
        }

        await _startResponse(_clientAborted);
        _pump = Task.Run(PumpAsync, CancellationToken.None);
        if (heartbeat && _options.HeartbeatInterval > TimeSpan.Zero)
        {
            _heartbeat = _time.CreateTimer(
                static state => ((ClientOutput)state!).Tick(), this, _options.HeartbeatInterval, _options.HeartbeatInterval);
        }
    }

    /// <summary>Hands what was written since the last call to the pump. False when the client is too far behind.</summary>
    public bool Publish()
    {
        var bytes = _buffer.Writer.UnflushedBytes;
        var buffered = Interlocked.Add(ref _buffered, bytes);

        // A pipe with no pause threshold completes the flush at once: this only wakes the pump.
        var flush = _buffer.Writer.FlushAsync(CancellationToken.None);
        System.Diagnostics.Debug.Assert(flush.IsCompleted, "an unbounded pipe never blocks a flush");
        flush.GetAwaiter().GetResult();
        return buffered <= _options.MaxBufferedBytes;
    }

    /// <summary>
    /// Ends the stream and waits for the client to take what is buffered. A client that takes nothing for
    /// <see cref="StreamingOptions.SlowClientGracePeriod"/> is given up on; returns false then, and the caller aborts.
    /// </summary>
    public async Task<bool> CompleteAsync()
    {
        await _buffer.Writer.CompleteAsync();
        _heartbeat?.Dispose();
        if (_pump is null)
        {
            return true;
        }

        while (!_pump.IsCompleted)
        {
            var before = Delivered;
            using var stop = new CancellationTokenSource();
            var grace = Task.Delay(_options.SlowClientGracePeriod, _time, stop.Token);
            if (await Task.WhenAny(_pump, grace) == _pump)
            {
                await stop.CancelAsync();
                break;
            }

            if (Delivered == before)
            {
                return false;
            }
        }

        return !_clientGone;
    }

    /// <summary>Drops the client connection: for a client that stopped reading, or a stream that must end at once.</summary>
    public void Abort()
    {
        _clientGone = true;
        _abort();
    }

    public async ValueTask DisposeAsync()
    {
        _heartbeat?.Dispose();
        await _buffer.Writer.CompleteAsync();
        if (_pump is { IsCompleted: false })
        {
            // Only reached when the stream did not complete normally: the pump may be stuck in a flush to a client
            // that stopped reading, and only dropping the connection frees it.
            Abort();
        }

        if (_pump is not null)
        {
            await _pump;
        }
    }

    private void Tick()
    {
        // Wakes the pump; it sends a ping if nothing went out since the previous tick.
        _buffer.Reader.CancelPendingRead();
    }

    private async Task PumpAsync()
    {
        var reader = _buffer.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_clientAborted);
                var buffer = result.Buffer;
                if (buffer.IsEmpty && result.IsCanceled)
                {
                    if (!_wroteSinceTick)
                    {
                        await _client.WriteAsync(Ping, _clientAborted);
                    }

                    _wroteSinceTick = false;
                    reader.AdvanceTo(buffer.Start);
                    continue;
                }

                foreach (var segment in buffer)
                {
                    _client.Write(segment.Span);
                }

                var length = buffer.Length;
                reader.AdvanceTo(buffer.End);
                var flush = await _client.FlushAsync(_clientAborted);
                Interlocked.Add(ref _buffered, -length);
                Interlocked.Add(ref _delivered, length);
                _wroteSinceTick = true;
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    _clientGone = true;
                    return;
                }

                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _clientGone = true;
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }
}
