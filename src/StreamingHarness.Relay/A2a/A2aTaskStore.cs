using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// The tasks <c>GetTask</c> and <c>CancelTask</c> can find, bounded by count and by age
/// (<see cref="A2aOptions.MaxTasks"/>, <see cref="A2aOptions.TaskRetention"/>) so memory cannot grow without limit.
/// Tasks are created in time order, so the oldest is always at the head of the queue and pruning is cheap.
/// An evicted task that is still running keeps streaming; it can no longer be found.
/// </summary>
internal sealed class A2aTaskStore(IOptions<RelayOptions> options, TimeProvider time)
{
    private readonly A2aOptions _options = options.Value.A2A;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, A2aTaskRecord> _tasks = new(StringComparer.Ordinal);
    private readonly Queue<A2aTaskRecord> _order = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                Prune();
                return _tasks.Count;
            }
        }
    }

    /// <summary>A new task, in <c>submitted</c>; <paramref name="contextId"/> continues a conversation when given.</summary>
    public A2aTaskRecord Create(string? contextId)
    {
        var record = new A2aTaskRecord(NewId(), string.IsNullOrEmpty(contextId) ? NewId() : contextId, time.GetUtcNow());
        lock (_lock)
        {
            _tasks[record.Id] = record;
            _order.Enqueue(record);
            Prune();
        }

        return record;
    }

    public A2aTaskRecord? Find(string id)
    {
        lock (_lock)
        {
            Prune();
            return _tasks.GetValueOrDefault(id);
        }
    }

    private void Prune()
    {
        var oldest = time.GetUtcNow() - _options.TaskRetention;
        while (_order.TryPeek(out var head) && (_tasks.Count > _options.MaxTasks || head.Created < oldest))
        {
            _order.Dequeue();
            _tasks.Remove(head.Id);
        }
    }

    private static string NewId() => Guid.CreateVersion7().ToString();
}
