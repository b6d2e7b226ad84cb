using System.Collections.Concurrent;
using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.LiveConsole;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Scheduling;

namespace StreamingHarness.FakeOllama;

/// <summary>Everything one running fake shares between requests.</summary>
internal sealed class FakeState
{
    private readonly ConcurrentDictionary<string, ModelScheduler> _schedulers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _catalogGate = new();
    private ScenarioCatalog _catalog;
    private string? _activeScenario;
    private long _activeStreams;

    public FakeState(FakeOllamaOptions options, ScenarioCatalog catalog)
    {
        Options = options;
        _catalog = catalog;
        Time = options.TimeProvider;
        Faults = new FaultState(Time);
        Journal = new FakeJournal(
            options.JournalCapacity, options.JournalBodyLimit, options.JournalLineTimesLimit, options.JournalResponseLimit, Time);
        StartedAt = Time.GetLocalNow();
        Runner = new GenerationRunner(this);
        Loaded = new LoadedModels(Time);
        Pacing = new PacingLoop(Time);
        Console = new ConsoleEvents(this);
    }

    public FakeOllamaOptions Options { get; }

    /// <summary>The scenarios served; replaced whole (never mutated) when the admin API adds or replaces one.</summary>
    public ScenarioCatalog Catalog { get => Volatile.Read(ref _catalog); private set => Volatile.Write(ref _catalog, value); }

    /// <summary>The scenario answering every request without an <c>X-Fake-Scenario</c> header; null = select by model.</summary>
    public string? ActiveScenario { get => Volatile.Read(ref _activeScenario); set => Volatile.Write(ref _activeScenario, value); }

    /// <summary>What faults remember between requests.</summary>
    public FaultState Faults { get; }

    public FakeJournal Journal { get; }

    public PauseGate Pause { get; } = new();

    /// <summary>What the browser console (<c>/__fake/ui</c>) and scripts hear on <c>/__fake/events</c>.</summary>
    public ConsoleEvents Console { get; }

    /// <summary>Where every paced stream waits for its next line (stopped when the host stops).</summary>
    public PacingLoop Pacing { get; }

    public TimeProvider Time { get; }

    /// <summary>Used as the models' <c>modified_at</c>.</summary>
    public DateTimeOffset StartedAt { get; }

    public GenerationRunner Runner { get; }

    /// <summary>Models "in memory", for <c>/api/ps</c>.</summary>
    public LoadedModels Loaded { get; }

    /// <summary>Requests waiting for a slot, over every scenario.</summary>
    public int QueuedRequests => _schedulers.Values.Sum(s => s.Queued);

    public long ActiveStreams => Interlocked.Read(ref _activeStreams);

    public double TimeScaleFor(Scenario scenario) => Options.TimeScale * scenario.TimeScale;

    public ModelScheduler SchedulerFor(Scenario scenario) =>
        _schedulers.GetOrAdd(scenario.Name, _ => new ModelScheduler(scenario.Parallel, scenario.MaxQueue));

    /// <summary>
    /// Adds <paramref name="scenario"/>, or replaces the one of the same name; true when it replaced one. Throws
    /// <see cref="ScenarioLoadException"/> (and changes nothing) when its models clash with another scenario's.
    /// </summary>
    public bool ReplaceScenario(Scenario scenario)
    {
        lock (_catalogGate)
        {
            var current = Catalog.Scenarios;
            var replaced = current.Any(s => string.Equals(s.Name, scenario.Name, StringComparison.OrdinalIgnoreCase));
            Catalog = new ScenarioCatalog(
                [.. current.Where(s => !string.Equals(s.Name, scenario.Name, StringComparison.OrdinalIgnoreCase)), scenario],
                Catalog.Installed);
            _schedulers.TryRemove(scenario.Name, out _);
            return replaced;
        }
    }

    public void StreamOpened() => Interlocked.Increment(ref _activeStreams);

    public void StreamClosed() => Interlocked.Decrement(ref _activeStreams);
}
