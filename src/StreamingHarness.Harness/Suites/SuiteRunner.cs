using System.Net;
using StreamingHarness.Harness.Load;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// Runs a suite from start to report: targets → (for each side of a comparison) warm-up and measured phases →
/// memory per open stream → long stream → thresholds and fault checks. The load path is suite → load model →
/// probe per request → samples → histograms → report. A shard with <c>--start-at</c> waits for it, and starts each
/// phase at its aligned time (<see cref="PhaseAlignment"/>).
/// </summary>
internal sealed class SuiteRunner(
    IRunObserver observer, EmbeddedOptions embedded, Uri? fakeUrl = null, Uri? relayUrl = null, TimeProvider? time = null)
{
    public async Task<RunResult> RunAsync(RunPlan plan, string commandLine, CancellationToken cancellationToken)
    {
        using var client = CreateClient(plan.Timeouts);
        var startedAt = DateTimeOffset.UtcNow;
        var needsRelay = plan.Target.NeedsRelay() || plan.Suite.Compare || plan.Suite.Memory.LongStreamTokens > 0;
        await using var targets = plan.Url is null && fakeUrl is null && relayUrl is null
            ? await StartEmbeddedAsync(needsRelay, client, cancellationToken).ConfigureAwait(false)
            : TargetSet.ForUrls(plan.Url, fakeUrl, relayUrl);
        using var watchdog = new TimeoutWatchdog(plan.Timeouts);
        using var lag = new DispatchLagProbe();
        var alignment = plan.Shard?.StartAt is { } startAt ? new PhaseAlignment(startAt, time ?? TimeProvider.System) : null;
        if (alignment is not null)
        {
            observer.Info($"{plan.Shard!.Describe()}: waiting for the common start...");
        }

        await (alignment?.WaitForStartAsync(cancellationToken) ?? Task.CompletedTask).ConfigureAwait(false);
        var runStart = Ticks.Now;
        var rates = new RateTimeline(runStart, plan.PlannedDuration);
        PhaseRecorder? current = null;
        await using var sampler = new StatsSampler(targets.StatsClients(client), runStart, () => current?.InFlight ?? 0);
        if (plan.Suite.Memory.Sample)
        {
            sampler.StartSampling(plan.SampleEvery);
        }

        var sides = plan.Suite.Compare ? new[] { TargetKind.Fake, TargetKind.Relay } : [plan.Target];
        var phases = new List<PhaseReport>();
        var samples = new List<RequestSample>();
        var interrupted = false;
        foreach (var side in sides.TakeWhile(_ => !interrupted))
        {
            var probe = targets.CreateProbe(side, uri => RequestOptions(plan, uri), side == plan.Target ? plan.Profile : null);
            var runner = new LoadRunner(new RequestExecutor(client, probe, watchdog), plan.Mix);
            // Shards share the fake: one clearing its journal between phases would cut the others' server view short.
            var journal = side == TargetKind.Fake && plan.Url is null && targets.Fake is not null && plan.Shard is not { Count: > 1 }
                ? new FakeJournalClient(client, targets.Fake)
                : null;

            // Any target with the fake behind it is joined to the fake's journal: what that service adds, token by token.
            var upstream = targets.Fake is not null && plan.Shard is not { Count: > 1 }
                ? new FakeJournalClient(client, targets.Fake)
                : null;
            if (plan.Warmup > TimeSpan.Zero && alignment is not null)
            {
                await alignment.WaitForSlotAsync("warmup", plan.Warmup + plan.Drain, cancellationToken).ConfigureAwait(false);
            }

            await WarmUpAsync(plan, runner, runStart, cancellationToken).ConfigureAwait(false);
            foreach (var step in plan.Steps)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                var name = (plan.Suite.Compare ? side.Name() + " " : "") + (plan.Steps.Count > 1 ? $"c={step.Concurrency}" : "measured");
                current = new PhaseRecorder(name, step.Description, step.Concurrency, runStart, rates, plan.Suite.ExpectedItlMs)
                {
                    JoinsUpstream = upstream is not null,
                };
                var before = await sampler.SnapshotAsync(false, cancellationToken).ConfigureAwait(false);
                if ((journal ?? upstream) is { } toClear)
                {
                    await toClear.ClearAsync(cancellationToken).ConfigureAwait(false);
                }

                if (alignment is not null)
                {
                    await alignment.WaitForSlotAsync(name, step.Duration + plan.Drain, cancellationToken).ConfigureAwait(false);
                }

                lag.TakeAndReset();
                observer.PhaseStarted(current, step.Duration);
                await RunStepAsync(plan, runner, current, step, cancellationToken).ConfigureAwait(false);

                // A phase cut short by Ctrl+C still ends cleanly (its requests count as cancelled) and is reported, even
                // when the terminal's Ctrl+C also stopped the servers the harness started.
                var harnessLag = lag.TakeAndReset();
                var summary = PhaseSummary.From(current, probe.Description, plan.Slo, harnessLag);
                var joined = upstream is null ? null
                    : await UnlessInterruptedAsync(() => JoinAsync(current, upstream), cancellationToken).ConfigureAwait(false);
                summary = summary with { Added = joined?.Summary };
                observer.PhaseEnded(summary);
                var after = await UnlessInterruptedAsync(() => sampler.SnapshotAsync(false, CancellationToken.None), cancellationToken)
                    .ConfigureAwait(false);
                var serverView = journal is null ? null
                    : await UnlessInterruptedAsync(() => ServerViewAsync(journal), cancellationToken).ConfigureAwait(false);
                var usage = after?.UsageSince(before, current.Sent, current.Tokens) ?? [];
                var histograms = PhaseHistograms.From(current, harnessLag, serverView?.FirstLine, serverView?.Gaps);
                phases.Add(new PhaseReport(
                    summary, usage, Server(serverView?.FirstLine), Server(serverView?.Gaps), histograms));
                samples.AddRange(current.Samples.OrderBy(s => s.Id)
                    .Select(s => joined?.PerRequest.TryGetValue(s.Id, out var added) == true ? s with { Added = added } : s));
            }
        }

        current = null;
        interrupted |= cancellationToken.IsCancellationRequested;
        var memory = interrupted ? null
            : await MemoryStepsAsync(plan, targets, client, sampler, watchdog, cancellationToken).ConfigureAwait(false);
        var longStream = !interrupted && plan.Suite.Memory.LongStreamTokens > 0 && targets.Relay is not null
            ? await new LongStreamCheck(client, sampler, watchdog, observer).RunAsync(plan, targets, cancellationToken)
                .ConfigureAwait(false)
            : null;

        var report = new RunReport
        {
            Name = plan.Shard is { Count: > 1 } shard ? $"{plan.Suite.Name}-shard-{shard.Index}-of-{shard.Count}" : plan.Suite.Name,
            Suite = plan.Suite.Name,
            Description = plan.Suite.Description,
            StartedAt = startedAt,
            CommandLine = commandLine,
            Machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
                + $".NET {Environment.Version}",
            Targets = targets.Embedded ? targets.DescribeProcesses() : targets.Description,
            Method = Method,
            Phases = phases,
            ThroughputBinSeconds = rates.BinSeconds,
            Throughput = rates.Points(),
            Memory = sampler.Points,
            MemoryPerStream = memory,
            LongStream = longStream,
            Comparison = plan.Suite.Compare ? Comparison.Build(phases, memory) : null,
            Thresholds = [.. phases.SelectMany(p => plan.Thresholds.Select(t => t.Evaluate(p.Summary)))],
            Faults = plan.Suite.Mix.Count > 0 && plan.Suite.Mix.Any(m => m.Expect.Count > 0) ? FaultChecks.Build(plan.Mix, samples) : [],
            Notes = [.. Notes(plan, targets, interrupted), .. alignment?.Late ?? []],
            Interrupted = interrupted,
            Shard = plan.Shard,
        };
        return new RunResult(report, samples);
    }

    public const string Method =
        "Closed loop: N workers, each sends its next request when the last ends. Open loop: Poisson arrivals computed up front; "
        + "queue wait = time from the scheduled arrival to a free slot. Warm-up excluded. t0 = Stopwatch timestamp just before "
        + "SendAsync. TTFT = first chunk with non-empty content (text, thinking or tool call); ITL = every gap between content "
        + "chunks; E2E = terminal chunk; TPOT = (E2E − TTFT) / (tokens − 1). TTFT/TPOT/E2E percentiles over successful requests; "
        + "percentiles from a log-bucketed histogram (relative error ≤ 1%; min, mean, max exact). Throughput = successful requests "
        + "(tokens) / (last completion − first send).";

    private static async Task<ServiceJoin.PhaseJoin> JoinAsync(
        PhaseRecorder phase, FakeJournalClient upstream) =>
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

    private async Task<TargetSet> StartEmbeddedAsync(bool withRelay, HttpClient client, CancellationToken cancellationToken)
    {
        observer.Info(withRelay ? "starting the fake Ollama and the relay..." : "starting the fake Ollama...");
        var set = await TargetSet.StartEmbeddedAsync(embedded, withRelay, client, cancellationToken).ConfigureAwait(false);
        observer.Info(set.DescribeProcesses());
        return set;
    }

    private static async Task WarmUpAsync(RunPlan plan, LoadRunner runner, long runStart, CancellationToken cancellationToken)
    {
        if (plan.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        var warmup = new PhaseRecorder("warmup", "warm-up (excluded)", plan.Steps[0].Concurrency, runStart);
        var bounds = new RunBounds(plan.Warmup, plan.Suite.MaxRequests, plan.Drain);
        await runner.RunClosedAsync(warmup, Math.Max(1, plan.Steps[0].Concurrency), bounds, cancellationToken).ConfigureAwait(false);
    }

    private static Task RunStepAsync(
        RunPlan plan, LoadRunner runner, PhaseRecorder phase, LoadStep step, CancellationToken cancellationToken)
    {
        var bounds = new RunBounds(step.Duration, plan.Suite.MaxRequests, plan.Drain);
        if (!plan.Open)
        {
            return runner.RunClosedAsync(phase, step.Concurrency, bounds, cancellationToken);
        }

        var arrivals = PoissonSchedule.Create(plan.Suite.Load.Rate, step.Duration, plan.Suite.MaxRequests, (int)plan.Suite.Seed);
        return runner.RunOpenAsync(phase, arrivals, plan.Suite.Load.MaxConcurrency, bounds, cancellationToken);
    }

    private async Task<MemoryPerStreamResult?> MemoryStepsAsync(
        RunPlan plan, TargetSet targets, HttpClient client, StatsSampler sampler, TimeoutWatchdog watchdog,
        CancellationToken cancellationToken)
    {
        if (plan.Suite.Memory.HoldStreams.Count == 0 || targets.Fake is null)
        {
            return null;
        }

        var side = targets.Relay is not null ? TargetKind.Relay : TargetKind.Fake;
        var probe = targets.CreateProbe(side, uri => RequestOptions(plan, uri) with { MaxTokens = null });
        var executor = new RequestExecutor(client, probe, watchdog);
        observer.Info(
            $"memory per open stream: holding {string.Join(", ", plan.Suite.Memory.HoldStreams)} streams through the {side.Name()}...");
        var memory = new MemoryPerStream(client, sampler, executor, targets.Fake);
        return await memory.MeasureAsync(plan.Suite.Memory, plan.MemoryAfterIdle, cancellationToken).ConfigureAwait(false);
    }

    internal static ProbeRequestOptions RequestOptions(RunPlan plan, Uri baseAddress) =>
        new(baseAddress, plan.Suite.Prompt, plan.Suite.MaxTokens, plan.Suite.Seed == 0 ? null : plan.Suite.Seed);

    private static List<string> Notes(RunPlan plan, TargetSet targets, bool interrupted)
    {
        var notes = new List<string>();
        if (plan.Shard is { Count: > 1 } shard)
        {
            notes.Add(shard.Note(plan.Suite.Name));
        }

        if (interrupted)
        {
            notes.Add(
                "Interrupted by the user: the phase running then is reported with its requests cancelled; later phases and the memory "
                + "steps did not run.");
        }

        if (targets.Embedded)
        {
            notes.Add($"The fake ran with --time-scale {plan.Suite.TimeScale}: scenario delays are multiplied by it.");
        }

        if (Environment.ProcessorCount <= 2)
        {
            notes.Add(
                $"This machine has {Environment.ProcessorCount} cores shared by the harness and the servers: check the harness's CPU "
                + $"before trusting latency figures.");
        }

        return notes;
    }

    private static HttpClient CreateClient(RequestTimeouts timeouts) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = timeouts.Headers ?? TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
