using System.Collections.Concurrent;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Collects one measured phase (a load level, a step of a ramp, one side of a comparison): the histograms every
/// percentile comes from, the accounting (sent = ok + failed + still running), errors by kind and the samples.
/// Thread-safe: every worker records into the same instance.
/// </summary>
internal sealed class PhaseRecorder(
    string name, string load, int concurrency, long runStart, RateTimeline? timeline = null, double? expectedItlMs = null,
    HarnessClock? clock = null)
{
    private readonly ConcurrentQueue<RequestSample> _samples = new();
    private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private long _sent;
    private long _ok;
    private long _failed;
    private long _cancelled;
    private int _interrupted;
    private long _tokens;
    private long _firstSend;
    private long _lastCompletion;
    private long _id;

    public string Name { get; } = name;
    public string Load { get; } = load;
    public int Concurrency { get; } = concurrency;
    public long RunStart { get; } = runStart;
    public RateTimeline? Timeline { get; } = timeline;

    /// <summary>The run's clock, which the phase's requests are stamped with.</summary>
    public HarnessClock Clock { get; } = clock ?? HarnessClock.System;

    public LogHistogram Ttft { get; } = new();
    private readonly GapRecorder _gaps = new(expectedItlMs);

    public LogHistogram Itl => _gaps.Gaps;

    /// <summary>|gap − expected ITL|, when the suite scripts one.</summary>
    public LogHistogram ItlError => _gaps.Errors;
    public LogHistogram Tpot { get; } = new();
    public LogHistogram E2e { get; } = new();
    public LogHistogram Headers { get; } = new();
    public LogHistogram QueueWait { get; } = new();

    public long Sent => Volatile.Read(ref _sent);
    public long Succeeded => Volatile.Read(ref _ok);
    public long Failed => Volatile.Read(ref _failed);
    /// <summary>Requests cut short because the user stopped the run (<see cref="Interrupt"/>): neither succeeded nor failed.</summary>
    public long Cancelled => Volatile.Read(ref _cancelled);

    public long InFlight => Sent - Succeeded - Failed - Cancelled;

    /// <summary>True once the user stopped the run (Ctrl+C): a request that does not succeed from then on was cut by it.</summary>
    public bool Interrupted => Volatile.Read(ref _interrupted) != 0;

    public void Interrupt() => Volatile.Write(ref _interrupted, 1);

    /// <summary>Output tokens of the successful requests.</summary>
    public long Tokens => Volatile.Read(ref _tokens);

    /// <summary>Requests still running when the phase stopped issuing new ones.</summary>
    public long InFlightAtStop { get; set; }

    /// <summary>Ticks from the first send to the last completion: the throughput denominator.</summary>
    public long ActiveTicks => Math.Max(0, Volatile.Read(ref _lastCompletion) - Volatile.Read(ref _firstSend));

    public IReadOnlyCollection<RequestSample> Samples => _samples;

    public IReadOnlyDictionary<string, long> Outcomes => _outcomes;

    /// <summary>
    /// When set, every request carries a trace id of its own and keeps when its text arrived, for the join with the
    /// fake's journal after the phase (<see cref="ServiceJoin"/>). Costs the client a string per token.
    /// </summary>
    public bool JoinsUpstream { get; init; }

    /// <summary>The requests' arrivals by id, when <see cref="JoinsUpstream"/>.</summary>
    public IReadOnlyDictionary<long, TextArrivals> Arrivals => _arrivals;

    private readonly ConcurrentDictionary<long, TextArrivals> _arrivals = new();

    public RequestTimeline NewTimeline(long id)
    {
        if (!JoinsUpstream)
        {
            return new RequestTimeline(_gaps, Timeline, Clock);
        }

        var arrivals = new TextArrivals(keepText: false);
        _arrivals[id] = arrivals;
        return new RequestTimeline(_gaps, Timeline, Clock) { Texts = arrivals, TraceParent = TraceParents.For(id) };
    }

    /// <summary>Call immediately before sending; returns the request's id.</summary>
    public long OnSent(long now)
    {
        Interlocked.CompareExchange(ref _firstSend, now, 0);
        Interlocked.Increment(ref _sent);
        return Interlocked.Increment(ref _id);
    }

    public void OnCompleted(RequestSample sample, long now)
    {
        _samples.Enqueue(sample);
        _outcomes.AddOrUpdate(sample.Outcome.Label, 1, static (_, n) => n + 1);
        Timeline?.AddCompletion(now, sample.Outcome.IsOk);
        if (sample.Outcome.IsOk)
        {
            // Token throughput counts what successful requests produced, as vLLM and GenAI-Perf do.
            Interlocked.Add(ref _tokens, sample.OutputTokens);
            Record(Ttft, sample.TtftMs);
            Record(Tpot, sample.TpotMs);
            Record(E2e, sample.E2eMs);
            Record(Headers, sample.HeadersMs);
            Interlocked.Increment(ref _ok);
        }
        else if (sample.Outcome.Kind == OutcomeKind.Cancelled && Interrupted)
        {
            // Cut by the user's stop, not by the service: not an error, so `error_rate <= 0` still holds.
            Interlocked.Increment(ref _cancelled);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }

        Record(QueueWait, sample.QueueWaitMs);
        AtomicLong.Max(ref _lastCompletion, now);
    }
    private static void Record(LogHistogram histogram, double? ms)
    {
        if (ms is { } value)
        {
            histogram.Record((long)(value * 1e6));
        }
    }
}
