using System.Collections.Concurrent;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Scheduling;

namespace StreamingHarness.FakeOllama;

/// <summary>Everything one running fake shares between requests.</summary>
internal sealed class FakeState
{
    private readonly ConcurrentDictionary<string, ModelScheduler> _schedulers = new(StringComparer.OrdinalIgnoreCase);
    private long _activeStreams;

    public FakeState(FakeOllamaOptions options, ScenarioCatalog catalog)
    {
        Options = options;
        Catalog = catalog;
        Time = options.TimeProvider;
        Journal = new FakeJournal(options.JournalCapacity, options.JournalBodyLimit, options.JournalLineTimesLimit, Time);
        StartedAt = Time.GetLocalNow();
        Runner = new GenerationRunner(this);
    }

    public FakeOllamaOptions Options { get; }

    public ScenarioCatalog Catalog { get; }

    public FakeJournal Journal { get; }

    public PauseGate Pause { get; } = new();

    public TimeProvider Time { get; }

    /// <summary>Used as the models' <c>modified_at</c>.</summary>
    public DateTimeOffset StartedAt { get; }

    public GenerationRunner Runner { get; }

    public long ActiveStreams => Interlocked.Read(ref _activeStreams);

    public double TimeScaleFor(Scenario scenario) => Options.TimeScale * scenario.TimeScale;

    public ModelScheduler SchedulerFor(Scenario scenario) =>
        _schedulers.GetOrAdd(scenario.Name, _ => new ModelScheduler(scenario.Parallel, scenario.MaxQueue));

    public void StreamOpened() => Interlocked.Increment(ref _activeStreams);

    public void StreamClosed() => Interlocked.Decrement(ref _activeStreams);
}
