using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Streaming;

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
    private readonly Lock _gate = new();
    private ConsoleSubscriber[] _subscribers = [];
    private ITimer? _timer;
    private int _ticking;

    public int Subscribers => Volatile.Read(ref _subscribers).Length;

    /// <summary>The longest queue of any listener (never above <see cref="QueueCapacity"/>).</summary>
    public int MostPending => Volatile.Read(ref _subscribers).Select(s => s.Pending).DefaultIfEmpty().Max();

    public void Started(FakeRequest request)
    {
        var protocol = ProtocolOf(request.Flavor);
        _inFlight[request.Entry.Id] = new InFlight(request.Entry, protocol);
        if (Subscribers > 0)
        {
            var entry = request.Entry;
            Publish("start", new StreamStarted(entry.Id, entry.Time, entry.Method, entry.Path, protocol), ConsoleJsonContext.Default.StreamStarted);
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
    public async IAsyncEnumerable<SseItem<string>> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscriber = Subscribe();
        try
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(Snapshot(), ConsoleJsonContext.Default.StreamsTick), "streams");
            await foreach (var item in subscriber.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            Unsubscribe(subscriber);
        }
    }

    internal ConsoleSubscriber Subscribe()
    {
        var subscriber = new ConsoleSubscriber(QueueCapacity);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscriber];
            _timer ??= state.Time.CreateTimer(static self => ((ConsoleEvents)self!).Tick(), this, TickInterval, TickInterval);
        }

        return subscriber;
    }

    internal void Unsubscribe(ConsoleSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscriber)];
            if (_subscribers.Length == 0)
            {
                _timer?.Dispose();
                _timer = null;
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
        lock (_gate)
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
        var item = new SseItem<string>(JsonSerializer.Serialize(value, typeInfo), type);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Offer(item);
        }
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
