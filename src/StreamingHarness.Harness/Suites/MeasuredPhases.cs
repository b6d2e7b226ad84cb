using StreamingHarness.Harness.Load;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// The measured part of a run: for each side (one, or the fake then the relay in a comparison), a warm-up, then one
/// phase per load step. A phase is started (fresh recorder, process stats read, the fake's journal cleared), run by
/// the load model, then read (summary, the join with the fake's journal, process usage, the fake's own view) into a
/// <see cref="PhaseReport"/> and its samples. Ctrl+C ends the phase running then, which is still reported.
/// </summary>
internal sealed class MeasuredPhases(SuiteRun run, IRunObserver observer, DispatchLagProbe lag)
{
    private readonly List<PhaseReport> _phases = [];
    private readonly List<RequestSample> _samples = [];
    private volatile PhaseRecorder? _current;

    public IReadOnlyList<PhaseReport> Phases => _phases;

    /// <summary>Every measured request, in id order within each phase (warm-up excluded).</summary>
    public IReadOnlyList<RequestSample> Samples => _samples;

    /// <summary>The phase running now, if any: its requests in flight go into the harness's process readings.</summary>
    public PhaseRecorder? Current => _current;

    public bool Interrupted { get; private set; }

    private RunPlan Plan => run.Plan;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sides = Plan.Suite.Compare ? new[] { TargetKind.Fake, TargetKind.Relay } : [Plan.Target];
        foreach (var side in sides.TakeWhile(_ => !Interrupted))
        {
            await RunSideAsync(side, cancellationToken).ConfigureAwait(false);
        }

        _current = null;
        Interrupted |= cancellationToken.IsCancellationRequested;
    }

    private async Task RunSideAsync(TargetKind side, CancellationToken cancellationToken)
    {
        var probe = run.Targets.CreateProbe(side, run.RequestOptions, side == Plan.Target ? Plan.Profile : null);
        var runner = new LoadRunner(new RequestExecutor(run.Client, probe, run.Watchdog), Plan.Mix, run.Clock);
        var journals = JournalsFor(side);
        if (Plan.Warmup > TimeSpan.Zero && run.Alignment is not null)
        {
            await run.Alignment.WaitForSlotAsync("warmup", Plan.Warmup + Plan.Drain, cancellationToken).ConfigureAwait(false);
        }

        await WarmUpAsync(runner, cancellationToken).ConfigureAwait(false);
        foreach (var step in Plan.Steps)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Interrupted = true;
                return;
            }

            var name = (Plan.Suite.Compare ? side.Name() + " " : "") + (Plan.Steps.Count > 1 ? $"c={step.Concurrency}" : "measured");
            var phase = new PhaseRecorder(
                name, step.Description, step.Concurrency, run.RunStart, run.Rates, Plan.Suite.ExpectedItlMs, run.Clock)
            {
                JoinsUpstream = journals.Upstream is not null,
            };
            var before = await StartPhaseAsync(phase, step, journals, cancellationToken).ConfigureAwait(false);
            await RunStepAsync(runner, phase, step, cancellationToken).ConfigureAwait(false);
            await ReadPhaseAsync(phase, probe.Description, before, journals, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The fake's journal, read two ways. <see cref="PhaseJournals.FakeView"/>: direct to a fake the harness started, the
    /// fake's own time to first line and write gaps (shards share the fake: one clearing its journal between phases would
    /// cut the others' view short). <see cref="PhaseJournals.Upstream"/>: any target with the fake behind it is joined to the
    /// fake's journal, to show what that service adds, token by token.
    /// </summary>
    private PhaseJournals JournalsFor(TargetKind side)
    {
        var sharedFake = Plan.Shard is { Count: > 1 };
        var fake = run.Targets.Fake;
        return new PhaseJournals(
            side == TargetKind.Fake && Plan.Url is null && fake is not null && !sharedFake ? new FakeJournalClient(run.Client, fake) : null,
            fake is not null && !sharedFake ? new FakeJournalClient(run.Client, fake) : null);
    }

    private async Task<ProcessSnapshot> StartPhaseAsync(
        PhaseRecorder phase, LoadStep step, PhaseJournals journals, CancellationToken cancellationToken)
    {
        _current = phase;
        var before = await run.Sampler.SnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if ((journals.FakeView ?? journals.Upstream) is { } toClear)
        {
            await toClear.ClearAsync(cancellationToken).ConfigureAwait(false);
        }

        if (run.Alignment is not null)
        {
            await run.Alignment.WaitForSlotAsync(phase.Name, step.Duration + Plan.Drain, cancellationToken).ConfigureAwait(false);
        }

        lag.TakeAndReset();
        observer.PhaseStarted(phase, step.Duration);
        return before;
    }

    /// <summary>
    /// A phase cut short by Ctrl+C still ends cleanly (its requests count as cancelled) and is reported, even when the
    /// terminal's Ctrl+C also stopped the servers the harness started: each reading from them is then left out.
    /// </summary>
    private async Task ReadPhaseAsync(
        PhaseRecorder phase, string target, ProcessSnapshot before, PhaseJournals journals, CancellationToken cancellationToken)
    {
        var harnessLag = lag.TakeAndReset();
        var summary = PhaseSummary.From(phase, target, Plan.Slo, harnessLag);
        var joined = journals.Upstream is { } upstream
            ? await UnlessInterruptedAsync(() => JoinAsync(phase, upstream), cancellationToken).ConfigureAwait(false)
            : null;
        summary = summary with { Added = joined?.Summary };
        observer.PhaseEnded(summary);
        var after = await UnlessInterruptedAsync(() => run.Sampler.SnapshotAsync(false, CancellationToken.None), cancellationToken)
            .ConfigureAwait(false);
        var serverView = journals.FakeView is { } journal
            ? await UnlessInterruptedAsync(() => ServerViewAsync(journal), cancellationToken).ConfigureAwait(false)
            : null;
        var usage = after?.UsageSince(before, phase.Sent, phase.Tokens) ?? [];
        var histograms = PhaseHistograms.From(phase, harnessLag, serverView?.FirstLine, serverView?.Gaps);
        _phases.Add(new PhaseReport(summary, usage, Server(serverView?.FirstLine), Server(serverView?.Gaps), histograms));
        _samples.AddRange(phase.Samples.OrderBy(s => s.Id)
            .Select(s => joined?.PerRequest.TryGetValue(s.Id, out var added) == true ? s with { Added = added } : s));
    }

    private async Task WarmUpAsync(LoadRunner runner, CancellationToken cancellationToken)
    {
        if (Plan.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        var warmup = new PhaseRecorder("warmup", "warm-up (excluded)", Plan.Steps[0].Concurrency, run.RunStart, clock: run.Clock);
        var bounds = new RunBounds(Plan.Warmup, Plan.Suite.MaxRequests, Plan.Drain);
        await runner.RunClosedAsync(warmup, Math.Max(1, Plan.Steps[0].Concurrency), bounds, cancellationToken).ConfigureAwait(false);
    }

    private Task RunStepAsync(LoadRunner runner, PhaseRecorder phase, LoadStep step, CancellationToken cancellationToken)
    {
        var bounds = new RunBounds(step.Duration, Plan.Suite.MaxRequests, Plan.Drain);
        if (!Plan.Open)
        {
            return runner.RunClosedAsync(phase, step.Concurrency, bounds, cancellationToken);
        }

        var arrivals = PoissonSchedule.Create(Plan.Suite.Load.Rate, step.Duration, Plan.Suite.MaxRequests, (int)Plan.Suite.Seed);
        return runner.RunOpenAsync(phase, arrivals, Plan.Suite.Load.MaxConcurrency, bounds, cancellationToken);
    }

    private static async Task<ServiceJoin.PhaseJoin> JoinAsync(PhaseRecorder phase, FakeJournalClient upstream) =>
        ServiceJoin.Apply(phase, await upstream.UpstreamByTraceAsync(CancellationToken.None).ConfigureAwait(false));

    private static async Task<ServerView> ServerViewAsync(FakeJournalClient journal)
    {
        var (firstLine, gaps) = await journal.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        return new ServerView(firstLine, gaps);
    }

    private static Percentiles? Server(LogHistogram? histogram) => histogram is null ? null : Percentiles.From(histogram);

    private static async Task<T?> UnlessInterruptedAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpRequestException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record PhaseJournals(FakeJournalClient? FakeView, FakeJournalClient? Upstream);
}
