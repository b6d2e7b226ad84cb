using System.Buffers;
using System.IO.Pipelines;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Sits between the upstream reader and the client. Events are formatted into <see cref="Writer"/>; <see cref="Publish"/>
/// writes them straight to the client and flushes while the client keeps up. When a flush cannot complete at once (the
/// client lags), a drain task waits for it and later events queue behind it: the reader never waits for the client, so a
/// slow client cannot stall the upstream clocks, and the queue is bounded: past
/// <see cref="StreamingOptions.MaxBufferedBytes"/> the stream fails with <c>client_too_slow</c>. With a heartbeat a
/// comment line goes out when the stream was silent.
/// </summary>
internal sealed partial class ClientOutput : IAsyncDisposable
{
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    // An event larger than this (a huge done line) leaves its buffer to the GC instead of keeping it for the stream's life.
    private const int KeptBufferBytes = 64 * 1024;

    // Guards the client's writer, the queue and the drain: publishers, the drain and the heartbeat each write under it.
    private readonly Lock _sync = new();
    private readonly PipeWriter _client;
    private readonly Func<CancellationToken, Task> _startResponse;
    private readonly Action _abort;
    private readonly StreamingOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _clientAborted;
    private ArrayBufferWriter<byte> _event = new(256);
    private ArrayBufferWriter<byte>? _queued;
    private long _buffered;
    private long _delivered;
    private volatile bool _started;
    private Task? _drain;
    private ITimer? _heartbeat;
    private bool _wroteSinceTick;
    private bool _closed;
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
    public IBufferWriter<byte> Writer => _event;

    /// <summary>True once the response headers went out: from then on, failures are reported in the stream.</summary>
    public bool Started => _started;

    public bool ClientGone => _clientGone || _clientAborted.IsCancellationRequested;

    /// <summary>Bytes the client has accepted (flushed to it).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Sends the response headers and starts sending events. Idempotent.</summary>
    public async Task StartAsync(bool heartbeat)
    {
        if (_started)
        {
            return;
        }

        await _startResponse(_clientAborted);
        lock (_sync)
        {
            _started = true;
            SendQueuedLocked();
        }

        if (heartbeat && _options.HeartbeatInterval > TimeSpan.Zero)
        {
            _heartbeat = _time.CreateTimer(
                static state => ((ClientOutput)state!).Tick(), this, _options.HeartbeatInterval, _options.HeartbeatInterval);
        }
    }

    /// <summary>
    /// Sends what was written since the last call, or queues it behind a lagging client. False when the client is too far behind.
    /// </summary>
    public bool Publish()
    {
        long buffered;
        var keep = true;
        lock (_sync)
        {
            var written = _event.WrittenMemory;
            _buffered += written.Length;
            buffered = _buffered;
            if (!written.IsEmpty)
            {
                if (!_started || _drain is not null)
                {
                    // Behind the headers or a flush still under way: order is kept by sending the queue first.
                    (_queued ??= new ArrayBufferWriter<byte>(written.Length)).Write(written.Span);
                }
                else
                {
                    keep = SendLocked(written);
                }
            }
        }

        if (!keep || _event.Capacity > KeptBufferBytes)
        {
            _event = new ArrayBufferWriter<byte>(256);
        }
        else
        {
            _event.ResetWrittenCount();
        }

        return buffered <= _options.MaxBufferedBytes;
    }

    /// <summary>
    /// Ends the stream and waits for the client to take what is buffered. A client that takes nothing for
    /// <see cref="StreamingOptions.SlowClientGracePeriod"/> is given up on; returns false then, and the caller aborts.
    /// </summary>
    public async Task<bool> CompleteAsync()
    {
        _heartbeat?.Dispose();
        if (!_started)
        {
            return true;
        }

        while (CurrentDrain() is { IsCompleted: false } drain)
        {
            var before = Delivered;
            using var stop = new CancellationTokenSource();
            var grace = Task.Delay(_options.SlowClientGracePeriod, _time, stop.Token);
            if (await Task.WhenAny(drain, grace) == drain)
            {
                await stop.CancelAsync();
                continue;
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
        Task? drain;
        lock (_sync)
        {
            _closed = true;
            drain = _drain;
        }

        if (drain is { IsCompleted: false })
        {
            // Only reached when the stream did not complete normally: the drain may be stuck in a flush to a client
            // that stopped reading, and only dropping the connection frees it.
            Abort();
        }

        if (drain is not null)
        {
            await drain;
        }
    }

    private Task? CurrentDrain()
    {
        lock (_sync)
        {
            return _drain;
        }
    }

    /// <summary>The heartbeat: a ping if nothing went out since the previous tick (and nothing is still going out).</summary>
    private void Tick()
    {
        lock (_sync)
        {
            if (!_wroteSinceTick && !_closed && _drain is null && !ClientGone)
            {
                _buffered += Ping.Length;
                SendLocked(Ping);
            }

            _wroteSinceTick = false;
        }
    }
}
