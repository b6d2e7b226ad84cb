using System.Threading.Channels;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// How a naive relay hands the upstream's lines to its client, with the timing defects: every line held to the end
/// (<see cref="NaiveDefects.BufferWholeAnswer"/>), each line held a fixed time (<see cref="NaiveDefects.DelayEachChunk"/>),
/// or lines queued without bound while a second loop writes them (<see cref="NaiveDefects.UnboundedQueue"/>). Without
/// them, each line goes to the client before the next is read, so the client's pace holds the upstream back.
/// </summary>
internal sealed class NaiveDelivery(NaiveDefects defects, TimeSpan chunkDelay, Func<UpstreamLine, CancellationToken, ValueTask> deliver)
{
    private readonly List<UpstreamLine> _held = [];
    private readonly Channel<UpstreamLine> _queue = Channel.CreateUnbounded<UpstreamLine>();
    private Task? _writer;
    private CancellationToken _writeToken;

    public async ValueTask OnLineAsync(UpstreamLine line, CancellationToken writeToken)
    {
        if (defects.HasFlag(NaiveDefects.BufferWholeAnswer))
        {
            _held.Add(line);
        }
        else if (defects.HasFlag(NaiveDefects.UnboundedQueue))
        {
            _writeToken = writeToken;
            _writer ??= Task.Run(WriteQueueAsync, CancellationToken.None);
            _queue.Writer.TryWrite(line);
        }
        else
        {
            if (defects.HasFlag(NaiveDefects.DelayEachChunk))
            {
                await Task.Delay(chunkDelay, writeToken);
            }

            await deliver(line, writeToken);
        }
    }

    /// <summary>Sends what was held back, then says how the stream ended (the client gone if a held write failed).</summary>
    public async Task<UpstreamEnd> FinishAsync(UpstreamEnd end, CancellationToken clientGone)
    {
        try
        {
            foreach (var line in _held)
            {
                await deliver(line, clientGone);
            }

            _queue.Writer.TryComplete();
            if (_writer is not null)
            {
                await _writer;
            }

            return end;
        }
        catch (Exception ex) when (clientGone.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            return UpstreamEnd.ClientGone;
        }
    }

    private async Task WriteQueueAsync()
    {
        await foreach (var line in _queue.Reader.ReadAllAsync(_writeToken))
        {
            await deliver(line, _writeToken);
        }
    }
}
