namespace StreamingHarness.FakeOllama.Scheduling;

/// <summary>
/// Ollama's scheduling, per scenario: <c>parallel</c> requests run at once (OLLAMA_NUM_PARALLEL), up to
/// <c>max_queue</c> more wait for a slot (OLLAMA_MAX_QUEUE), and beyond that the answer is 503. The wait happens
/// before any header is sent, so it shows up as a longer time to first token.
/// </summary>
internal sealed class ModelScheduler(int parallel, int maxQueue)
{
    private readonly SemaphoreSlim? _slots = parallel > 0 ? new SemaphoreSlim(parallel, parallel) : null;
    private int _queued;

    /// <summary>Requests waiting for a slot right now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Returns a slot to dispose when the answer is over, or null when the queue is full.</summary>
    public async Task<IDisposable?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            return NoSlot.Instance;
        }

        if (_slots.Wait(0, CancellationToken.None))
        {
            return new Slot(_slots);
        }

        if (Interlocked.Increment(ref _queued) > maxQueue)
        {
            Interlocked.Decrement(ref _queued);
            return null;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }

        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    private sealed class NoSlot : IDisposable
    {
        public static readonly NoSlot Instance = new();

        public void Dispose()
        {
        }
    }
}
