namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Paces tokens on a schedule (first token + sum of the intervals so far), so small write delays do not add up to
/// drift and the measured rate matches the scenario's. A token that is already late (a fault stalled the stream, a
/// slow first write, a busy machine) moves the schedule to now instead of letting the next tokens burst out to catch
/// up, as a real model resuming after a stall does not. Jitter is drawn from a seeded generator, so a seed gives the same timing shape
/// every run.
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

        step = Math.Max(0, step);
        var elapsedMs = time.GetElapsedTime(_start).TotalMilliseconds;
        if (elapsedMs - _dueMs > step / 2)
        {
            _dueMs = elapsedMs;
        }

        _dueMs += step;
        var wait = TimeSpan.FromMilliseconds(_dueMs - elapsedMs);
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }
}
