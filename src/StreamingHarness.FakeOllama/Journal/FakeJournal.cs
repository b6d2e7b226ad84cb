using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Journal;

/// <summary>
/// Every request the fake answered, newest last, bounded to <see cref="Capacity"/> entries (the oldest are dropped so a
/// long load test keeps constant memory). Tests wait on it with <see cref="WaitForAsync"/>, never with sleeps.
/// </summary>
public sealed class FakeJournal
{
    private readonly Lock _gate = new();
    private readonly Queue<JournalEntry> _entries = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = NewSignal();
    private long _nextId;

    internal FakeJournal(int capacity, int bodyLimit, int lineTimesLimit, int responseLimit, TimeProvider time)
    {
        ResponseLimit = responseLimit;
        Capacity = capacity;
        BodyLimit = bodyLimit;
        LineTimesLimit = lineTimesLimit;
        _time = time;
    }

    public int Capacity { get; }

    internal int BodyLimit { get; }

    internal int LineTimesLimit { get; }

    internal int ResponseLimit { get; }

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Waits until a finished entry matches, or throws <see cref="TimeoutException"/> listing what is there.</summary>
    public async Task<JournalEntry> WaitForAsync(
        Func<JournalEntry, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var found = _entries.FirstOrDefault(e => e.IsFinished && predicate(e));
                if (found is not null)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"No finished journal entry matched within {timeout}. Entries:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, Entries));
            }
        }
    }

    internal JournalEntry Begin(string method, string path)
    {
        lock (_gate)
        {
            var entry = new JournalEntry(++_nextId, _time.GetUtcNow(), method, path, LineTimesLimit, ResponseLimit);
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }

            return entry;
        }
    }

    /// <summary>Records the end of a request and wakes the waiters.</summary>
    internal void Finish(JournalEntry entry, StreamEnding ending, string detail, int status, double durationMs)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            entry.Status = status;
            entry.Detail = detail;
            entry.DurationMs = durationMs;
            entry.Ending = ending;
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
