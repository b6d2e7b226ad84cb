using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace StreamingHarness.FakeOllama.LiveConsole;

/// <summary>
/// One listener of <c>/__fake/events</c>. Its queue is bounded and drops the oldest event when full, so a console that
/// reads slowly (or not at all) loses old snapshots instead of slowing the streams or growing the fake's memory.
/// </summary>
internal sealed class ConsoleSubscriber
{
    private readonly Channel<SseItem<string>> _queue;

    public ConsoleSubscriber(int capacity) =>
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
