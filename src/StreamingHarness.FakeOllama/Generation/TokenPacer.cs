namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Paces tokens on an absolute schedule (first token + sum of the intervals so far), so slow writes do not add up to
/// drift and the measured rate matches the scenario's. Jitter is drawn from a seeded generator, so a seed gives the
/// same timing shape every run. A stream more than one interval behind (a fault stalled it) starts a new schedule
/// from now instead of bursting the missed tokens out at once, as a real model resuming after a stall does.
/// </summary>
internal sealed class TokenPacer(double intervalMs, double jitterMs, Random random, TimeProvider time, CancellationToken cancellationToken)
{
    private long _start;
    private double _dueMs;
    private bool _started;

    /// <summary>Waits for the next token's slot; the first token goes at once.</summary>
    public Task WaitForNextAsync()
    {
        if (!_started)
        {
            _started = true;
            _start = time.GetTimestamp();
            return Task.CompletedTask;
        }

        var step = intervalMs;
        if (jitterMs > 0)
        {
            step += ((random.NextDouble() * 2) - 1) * jitterMs;
        }

        _dueMs += Math.Max(0, step);
        var elapsedMs = time.GetElapsedTime(_start).TotalMilliseconds;
        if (elapsedMs - _dueMs > intervalMs)
        {
            _dueMs = elapsedMs + Math.Max(0, step);
        }

        var wait = TimeSpan.FromMilliseconds(_dueMs - elapsedMs);
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }
}
