using System.Collections.Concurrent;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// Enforces <see cref="RequestTimeouts"/> for every request in flight from one timer, so the hot path pays
/// nothing per token (no timer reset per chunk). Resolution is the check period, 50 ms: ample for deadlines
/// measured in seconds.
/// </summary>
internal sealed class TimeoutWatchdog : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<RequestTimeline, CancellationTokenSource> _inFlight = new(ReferenceEqualityComparer.Instance);
    private readonly RequestTimeouts _timeouts;
    private readonly HarnessClock _clock;
    private readonly ITimer _timer;

    public TimeoutWatchdog(RequestTimeouts timeouts, HarnessClock? clock = null)
    {
        _timeouts = timeouts;
        _clock = clock ?? HarnessClock.System;
        _timer = _clock.Time.CreateTimer(_ => Check(), null, Period, Period);
    }

    public void Watch(RequestTimeline timeline, CancellationTokenSource cancellation) => _inFlight[timeline] = cancellation;

    public void Forget(RequestTimeline timeline) => _inFlight.TryRemove(timeline, out _);

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var now = _clock.Now;
        foreach (var (timeline, cancellation) in _inFlight)
        {
            var phase = _timeouts.Missed(timeline, now);
            if (phase != TimeoutPhase.None && timeline.TimedOut == TimeoutPhase.None)
            {
                timeline.TimedOut = phase;
                try
                {
                    cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The request finished between the check and the cancel.
                }
            }
        }
    }
}
