using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Hosting.WebAssets;

namespace StreamingHarness.Harness.Live;

/// <summary>
/// Tells the live page what the terminal shows, and more: it passes every call on to the terminal's observer unchanged,
/// and once a second publishes the running phase's figures. Every event is kept (a few per second, a run lasts minutes),
/// so a page opened late draws the whole run so far.
/// </summary>
internal sealed class LiveRunObserver(RunPlan plan, TimeProvider time) : IRunObserver, IDisposable
{
    private IRunObserver _terminal = SilentObserver.Instance;
    private readonly List<SseItem<string>> _history = [];
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private PhaseRecorder? _phase;
    private TimeSpan _planned;
    private long _started;
    private (long Tokens, long Completed, long Failed) _last;

    public SseBroadcast Broadcast { get; } = new(capacity: 1024);

    public void Start() => Publish(
        "run",
        new LiveRunPlan(plan.Suite.Name, [.. plan.Thresholds.Select(t => t.Text)], plan.PlannedDuration.TotalSeconds),
        LiveJsonContext.Default.LiveRunPlan);

    /// <summary>Everything so far, then each new event; an event published while the history was read comes once.</summary>
    public async IAsyncEnumerable<SseItem<string>> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listener = Broadcast.Subscribe();
        try
        {
            List<SseItem<string>> history;
            lock (_gate)
            {
                history = [.. _history];
            }

            foreach (var item in history)
            {
                yield return item;
            }

            var seen = history.Count;
            await foreach (var item in listener.ReadAllAsync(cancellationToken))
            {
                if (long.Parse(item.EventId!, CultureInfo.InvariantCulture) > seen)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            Broadcast.Unsubscribe(listener);
        }
    }

    /// <summary>Passes every call on to <paramref name="terminal"/> too; returns this observer.</summary>
    public IRunObserver Watch(IRunObserver terminal)
    {
        _terminal = terminal;
        return this;
    }

    public void Info(string message) => _terminal.Info(message);

    public void PhaseStarted(PhaseRecorder phase, TimeSpan duration)
    {
        _terminal.PhaseStarted(phase, duration);
        lock (_gate)
        {
            _phase = phase;
            _planned = duration;
            _started = time.GetTimestamp();
            _last = (0, 0, 0);
            _timer?.Dispose();
            _timer = time.CreateTimer(
                static self => ((LiveRunObserver)self!).Second(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        Publish("phase", new LivePhaseStarted(phase.Name, phase.Load, duration.TotalSeconds), LiveJsonContext.Default.LivePhaseStarted);
    }

    public void PhaseEnded(PhaseSummary summary)
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _phase = null;
        }

        _terminal.PhaseEnded(summary);
        Publish(
            "phase-ended",
            new LivePhaseEnded(
                summary.Name, summary.Sent, summary.Succeeded, summary.Failed, summary.TokensPerSecond, summary.Ttft, summary.Itl,
                summary.Added, Evaluate(summary)),
            LiveJsonContext.Default.LivePhaseEnded);
    }

    public void ReportWritten(string verdict, string folder) =>
        Publish("report", new LiveReport(verdict, "/report", folder), LiveJsonContext.Default.LiveReport);

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Second()
    {
        LiveSecond second;
        lock (_gate)
        {
            if (_phase is not { } phase)
            {
                return;
            }

            var seconds = time.GetElapsedTime(_started).TotalSeconds;
            var completed = phase.Succeeded + phase.Failed;
            var (tokens, failed) = (phase.Tokens, phase.Failed);
            // The same summary the report computes at the phase's end, so thresholds read here as they will there.
            var summary = PhaseSummary.From(phase, "live", plan.Slo);
            second = new LiveSecond(
                phase.Name, Math.Round(seconds, 1), _planned.TotalSeconds, phase.Sent, phase.InFlight, phase.Succeeded, failed,
                tokens - _last.Tokens, completed - _last.Completed, failed - _last.Failed, summary.Ttft, summary.Itl, Evaluate(summary));
            _last = (tokens, completed, failed);
        }

        Publish("second", second, LiveJsonContext.Default.LiveSecond);
    }

    private List<ThresholdResult> Evaluate(PhaseSummary summary) => [.. plan.Thresholds.Select(t => t.Evaluate(summary))];

    private void Publish<T>(string type, T value, JsonTypeInfo<T> typeInfo)
    {
        lock (_gate)
        {
            // Ids count from 1, so a page that reconnects could resume; ListenAsync uses them to skip what the history had.
            var item = new SseItem<string>(JsonSerializer.Serialize(value, typeInfo), type)
            {
                EventId = (_history.Count + 1).ToString(CultureInfo.InvariantCulture),
            };
            _history.Add(item);
            Broadcast.Publish(item);
        }
    }
}
