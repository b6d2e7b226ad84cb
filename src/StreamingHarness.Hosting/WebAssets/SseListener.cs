using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace StreamingHarness.Hosting.WebAssets;

/// <summary>
/// One listener of a live page's event stream. Its queue is bounded and drops the oldest event when full, so a browser
/// that reads slowly (or not at all) loses old snapshots instead of slowing the server or growing its memory.
/// </summary>
public sealed class SseListener
{
    private readonly Channel<SseItem<string>> _queue;

    public SseListener(int capacity) =>
        _queue = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

    /// <summary>Events waiting to be written to this listener.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Never waits: with the queue full, the oldest event makes room.</summary>
    public void Offer(SseItem<string> item) => _queue.Writer.TryWrite(item);

    public IAsyncEnumerable<SseItem<string>> ReadAllAsync(CancellationToken cancellationToken) =>
        _queue.Reader.ReadAllAsync(cancellationToken);
}
