using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Hosting.WebAssets;

namespace StreamingHarness.FakeOllama.LiveConsole;

/// <summary>
/// What <c>/__fake/events</c> tells the console: <c>start</c> and <c>end</c> once per request, and a <c>streams</c>
/// snapshot every <see cref="TickInterval"/> read from the counters the journal entries already keep. Nothing happens
/// per token, and with no listener the snapshot timer does not run. Each event is serialized once for every listener.
/// </summary>
internal sealed class ConsoleEvents(FakeState state) : IDisposable
{
    public const int QueueCapacity = 256;

    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<long, InFlight> _inFlight = new();
    private readonly Lock _timerGate = new();
    private SseBroadcast? _broadcast;
    private ITimer? _timer;
    private int _ticking;

    /// <summary>The listeners; the snapshot timer runs while there is at least one.</summary>
    public SseBroadcast Broadcast => LazyInitializer.EnsureInitialized(
        ref _broadcast, () => new SseBroadcast(QueueCapacity) { ListenersChanged = OnListenersChanged });

    public int Subscribers => Broadcast.Listeners;

    /// <summary>The longest queue of any listener (never above <see cref="QueueCapacity"/>).</summary>
    public int MostPending => Broadcast.MostPending;

    public void Started(FakeRequest request)
    {
        var protocol = ProtocolOf(request.Flavor);
        _inFlight[request.Entry.Id] = new InFlight(request.Entry, protocol);
        if (Subscribers > 0)
        {
            var entry = request.Entry;
            Publish(
                "start", new StreamStarted(entry.Id, entry.Time, entry.Method, entry.Path, protocol),
                ConsoleJsonContext.Default.StreamStarted);
        }
    }

    public void Finished(JournalEntry entry)
    {
        _inFlight.TryRemove(entry.Id, out _);
        if (Subscribers > 0)
        {
            Publish(
                "end",
                new StreamEnded(
                    entry.Id, entry.Path, entry.Model, entry.Scenario, entry.Status, entry.TokensDelivered, entry.Ending.ToString(),
                    entry.Detail, entry.DurationMs),
                ConsoleJsonContext.Default.StreamEnded);
        }
    }

    /// <summary>The events for one listener: the current snapshot first, then everything until it goes away.</summary>
    public IAsyncEnumerable<SseItem<string>> ListenAsync(CancellationToken cancellationToken) =>
        Broadcast.ListenAsync(
            () => [new SseItem<string>(JsonSerializer.Serialize(Snapshot(), ConsoleJsonContext.Default.StreamsTick), "streams")],
            cancellationToken);

    private void OnListenersChanged(int listeners)
    {
        lock (_timerGate)
        {
            if (listeners == 0)
            {
                _timer?.Dispose();
                _timer = null;
            }
            else
            {
                _timer ??= state.Time.CreateTimer(static self => ((ConsoleEvents)self!).Tick(), this, TickInterval, TickInterval);
            }
        }
    }

    internal void Tick()
    {
        // A slow snapshot (a busy machine) skips the next tick rather than stacking timer callbacks.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            Publish("streams", Snapshot(), ConsoleJsonContext.Default.StreamsTick);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    public void Dispose()
    {
        lock (_timerGate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private StreamsTick Snapshot()
    {
        var now = state.Time.GetUtcNow();
        var catalog = state.Catalog;
        var streams = _inFlight.Values.OrderBy(f => f.Entry.Id).Select(f =>
        {
            var entry = f.Entry;
            var elapsedMs = Math.Max(0, (now - entry.Time).TotalMilliseconds);
            var tokens = entry.TokensDelivered;
            var armed = entry.Scenario is { } name && catalog.FindScenario(name) is { } scenario
                ? scenario.Faults.Select(fault => fault.Name).ToList()
                : [];
            return new StreamSnapshot(
                entry.Id, entry.Method, entry.Path, f.Protocol, entry.Model, entry.Scenario, tokens,
                elapsedMs > 0 ? Math.Round(tokens * 1000 / elapsedMs, 1) : 0, Math.Round(elapsedMs, 1), armed,
                [.. entry.Faults.Select(fired => $"{fired.Fault} at token {fired.AtToken}: {fired.Action}")]);
        });
        return new StreamsTick(state.ActiveScenario, state.Pause.Waiting, [.. streams]);
    }

    private void Publish<T>(string type, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        Broadcast.Publish(new SseItem<string>(JsonSerializer.Serialize(value, typeInfo), type));
    }

    private static string ProtocolOf(ApiFlavor flavor) => flavor switch
    {
        ApiFlavor.OpenAi => "openai chat",
        ApiFlavor.OpenAiCompletions => "openai completions",
        ApiFlavor.OpenAiResponses => "openai responses",
        ApiFlavor.Anthropic => "anthropic messages",
        _ => "ollama",
    };

    private sealed record InFlight(JournalEntry Entry, string Protocol);
}
