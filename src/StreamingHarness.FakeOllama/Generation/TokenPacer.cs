using StreamingHarness.FakeOllama.Scheduling;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Paces one stream's tokens on an absolute schedule (first token + the sum of the steps so far) through the shared
/// <see cref="PacingLoop"/>: a loop that wakes late does not move the schedule, the next token keeps its slot, so
/// small delays never add up to drift and the measured rate matches the scenario's. A stream that held itself up
/// (a fault stalled it, a paused stream, a slow client's write) asks for its slot late: it resumes at its pace from
/// then, as a real model resuming after a stall does, instead of bursting out tokens to catch up. Jitter is drawn from
/// a seeded generator, so a seed gives the same timing shape every run.
/// </summary>
internal sealed class TokenPacer(double intervalMs, double jitterMs, Random random, PacingLoop loop, CancellationToken cancellationToken)
    : IDisposable
{
    private readonly PacedWait _wait = new(loop, cancellationToken);
    private long _due;
    private bool _started;

    /// <summary>Waits for the next token's slot; the first token goes at once.</summary>
    public ValueTask WaitForNextAsync()
    {
        var now = loop.Time.GetTimestamp();
        if (!_started)
        {
            _started = true;
            _due = now;
            return _wait.WaitUntilAsync(now);
        }

        var stepMs = intervalMs;
        if (jitterMs > 0)
        {
            stepMs += ((random.NextDouble() * 2) - 1) * jitterMs;
        }

        var step = loop.ToTimestamps(Math.Max(0, stepMs));
        var next = _due + step;

        // Late by the stream's own doing (more than half a step since its last slot was granted): start again from now.
        if (now > next && now - _wait.ReleasedAt > step / 2)
        {
            next = now + step;
        }

        _due = next;
        return _wait.WaitUntilAsync(next);
    }

    public void Dispose() => _wait.Dispose();
}
