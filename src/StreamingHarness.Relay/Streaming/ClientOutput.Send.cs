using System.IO.Pipelines;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// The writes to the client: straight through while a flush completes at once; a flush that must wait goes to the
/// drain, which sends what queued behind it until the queue is empty.
/// </summary>
internal sealed partial class ClientOutput
{
    /// <summary>
    /// Under <see cref="_sync"/>, with nothing queued: to the client in one write and flush (for a chunked response Kestrel
    /// frames it as one chunk, with one lock, instead of a span, an advance and a flush). A flush that must wait goes to
    /// the drain, and false says <paramref name="bytes"/> are the drain's until it completes.
    /// </summary>
    private bool SendLocked(ReadOnlyMemory<byte> bytes)
    {
        ValueTask<FlushResult> flush;
        try
        {
            flush = _client.WriteAsync(bytes, _clientAborted);
        }
        catch (Exception ex) when (IsClientGone(ex))
        {
            _clientGone = true;
            return true;
        }

        if (flush.IsCompleted)
        {
            Accepted(flush, bytes.Length);
            return true;
        }

        var drain = DrainAsync(flush, bytes.Length);
        if (!drain.IsCompleted)
        {
            _drain = drain;
        }

        return false;
    }

    /// <summary>Under <see cref="_sync"/>: sends what queued before the headers went out.</summary>
    private void SendQueuedLocked()
    {
        if (_queued is { WrittenCount: > 0 } queued)
        {
            _queued = SendLocked(queued.WrittenMemory) && queued.Capacity <= KeptBufferBytes ? queued : null;
            _queued?.ResetWrittenCount();
        }
    }

    /// <summary>Waits for a flush the client was slow to take, then sends what queued meanwhile, until the queue is empty.</summary>
    private async Task DrainAsync(ValueTask<FlushResult> flush, long bytes)
    {
        try
        {
            while (true)
            {
                var result = await flush;
                lock (_sync)
                {
                    if (!Accepted(result, bytes) || _queued is not { WrittenCount: > 0 } queued)
                    {
                        _drain = null;
                        return;
                    }

                    // The queue is the write's until its flush completes; the next events start a new one.
                    bytes = queued.WrittenCount;
                    _queued = null;
                    flush = _client.WriteAsync(queued.WrittenMemory, _clientAborted);
                }
            }
        }
        catch (Exception ex) when (IsClientGone(ex))
        {
            _clientGone = true;
        }
    }

    private bool Accepted(ValueTask<FlushResult> flush, long bytes)
    {
        FlushResult result;
        try
        {
            result = flush.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (IsClientGone(ex))
        {
            _clientGone = true;
            return false;
        }

        return Accepted(result, bytes);
    }

    private bool Accepted(FlushResult result, long bytes)
    {
        _buffered -= bytes;
        Interlocked.Add(ref _delivered, bytes);
        _wroteSinceTick = true;
        if (result.IsCompleted || result.IsCanceled)
        {
            _clientGone = true;
            return false;
        }

        return true;
    }

    private static bool IsClientGone(Exception ex) => ex is OperationCanceledException or IOException or InvalidOperationException;
}
