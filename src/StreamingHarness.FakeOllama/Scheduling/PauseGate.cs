namespace StreamingHarness.FakeOllama.Scheduling;

/// <summary>
/// Holds streams open mid-stream (scenario <c>pause_after_tokens</c>) until <c>POST /__fake/release</c>, which lets
/// every stream paused so far carry on. Streams that reach their pause later wait for the next release.
/// </summary>
internal sealed class PauseGate
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _release = New();
    private int _waiting;

    public int Waiting => Volatile.Read(ref _waiting);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        Task release;
        lock (_gate)
        {
            _waiting++;
            release = _release.Task;
        }

        try
        {
            await release.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiting--;
            }
        }
    }

    /// <summary>Releases every paused stream; returns how many there were.</summary>
    public int ReleaseAll()
    {
        TaskCompletionSource release;
        int count;
        lock (_gate)
        {
            release = _release;
            count = _waiting;
            _release = New();
        }

        release.TrySetResult();
        return count;
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
