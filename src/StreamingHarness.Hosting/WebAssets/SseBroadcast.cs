using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace StreamingHarness.Hosting.WebAssets;

/// <summary>
/// Fans events out to every listener of a live page (the fake's console, the load run's page), each through its own
/// bounded <see cref="SseListener"/>: publishing never waits for a listener. An event is serialized once, by the caller.
/// </summary>
public sealed class SseBroadcast(int capacity)
{
    private readonly Lock _gate = new();
    private SseListener[] _listeners = [];

    /// <summary>Called under the broadcast's lock with the new number of listeners (start or stop a snapshot timer).</summary>
    public Action<int>? ListenersChanged { get; init; }

    public int Capacity { get; } = capacity;

    public int Listeners => Volatile.Read(ref _listeners).Length;

    /// <summary>The longest queue of any listener (never above <see cref="Capacity"/>).</summary>
    public int MostPending => Volatile.Read(ref _listeners).Select(l => l.Pending).DefaultIfEmpty().Max();

    public void Publish(SseItem<string> item)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener.Offer(item);
        }
    }

    /// <summary>
    /// The events for one listener: <paramref name="first"/> (the state so far), then each one published until it leaves.
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> ListenAsync(
        Func<IEnumerable<SseItem<string>>> first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        var queue = Subscribe();
        try
        {
            foreach (var item in first())
            {
                yield return item;
            }

            await foreach (var item in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            Unsubscribe(queue);
        }
    }

    public SseListener Subscribe()
    {
        var queue = new SseListener(Capacity);
        lock (_gate)
        {
            _listeners = [.. _listeners, queue];
            ListenersChanged?.Invoke(_listeners.Length);
        }

        return queue;
    }

    public void Unsubscribe(SseListener queue)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != queue)];
            ListenersChanged?.Invoke(_listeners.Length);
        }
    }
}
