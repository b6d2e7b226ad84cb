using System.Threading.Tasks.Sources;

namespace StreamingHarness.FakeOllama.Scheduling;

/// <summary>
/// One stream's wait for its next slot on the <see cref="PacingLoop"/>: a reusable awaitable, so waiting allocates
/// nothing per line. The loop completes it inline, on the loop's own thread: the stream's continuation writes its line
/// right there, with no thread hop, and comes back with its next wait. If the stream's request is aborted while it
/// waits, the wait leaves the loop at once and throws <see cref="OperationCanceledException"/>.
/// One stream, one wait at a time.
/// </summary>
internal sealed class PacedWait(PacingLoop loop, CancellationToken cancellationToken) : IValueTaskSource, IDisposable
{
    private const int Idle = 0;
    private const int Waiting = 1;

    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private bool _registered;
    private int _state;
    private int _generation;

    public PacingLoop Loop => loop;

    /// <summary>The timestamp (on the loop's clock) at which the last wait ended.</summary>
    public long ReleasedAt { get; private set; }

    /// <summary>Completes at <paramref name="due"/> (a timestamp of the loop's clock), or at once if it has passed.</summary>
    public ValueTask WaitUntilAsync(long due)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var now = loop.Time.GetTimestamp();
        if (due <= now)
        {
            ReleasedAt = now;
            return ValueTask.CompletedTask;
        }

        if (!_registered)
        {
            _registered = true;
            _registration = cancellationToken.UnsafeRegister(static state => ((PacedWait)state!).Cancel(), this);
        }

        _core.Reset();
        var generation = ++_generation;
        Volatile.Write(ref _state, Waiting);
        loop.Schedule(this, generation, due);
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Called by the loop once the wait is out of its queue; false when it was cancelled meanwhile.</summary>
    internal bool TryRelease(int generation, long now)
    {
        if (generation != Volatile.Read(ref _generation) || Interlocked.CompareExchange(ref _state, Idle, Waiting) != Waiting)
        {
            return false;
        }

        ReleasedAt = now;
        _core.SetResult(true);
        return true;
    }

    private void Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
        {
            loop.Remove(this, Volatile.Read(ref _generation));
            _core.SetException(new OperationCanceledException(cancellationToken));
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void Dispose() => _registration.Dispose();
}
