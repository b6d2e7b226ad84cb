using System.Net;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// Runs a suite from start to report, one named step after another: open the targets → wait for the common start (a
/// shard with <c>--start-at</c>, <see cref="PhaseAlignment"/>) → the measured phases (<see cref="MeasuredPhases"/>) →
/// memory per open stream → long stream → the report, with thresholds and fault checks. The load path is suite →
/// load model → probe per request → samples → histograms → report. Everything timed runs on one clock, the system's
/// unless a test passes its own.
/// </summary>
internal sealed class SuiteRunner(
    IRunObserver observer, EmbeddedOptions embedded, Uri? fakeUrl = null, Uri? relayUrl = null, TimeProvider? time = null)
{
    private readonly HarnessClock _clock = time is null ? HarnessClock.System : new HarnessClock(time);

    public async Task<RunResult> RunAsync(RunPlan plan, string commandLine, CancellationToken cancellationToken)
    {
        using var client = CreateClient(plan.Timeouts);
        var startedAt = _clock.Time.GetUtcNow();
        await using var targets = await OpenTargetsAsync(plan, client, cancellationToken).ConfigureAwait(false);
        using var watchdog = new TimeoutWatchdog(plan.Timeouts, _clock);
        using var lag = new DispatchLagProbe(_clock);
        var alignment = await WaitForCommonStartAsync(plan, cancellationToken).ConfigureAwait(false);
        var runStart = _clock.Now;
        MeasuredPhases? measured = null;
        await using var sampler = new StatsSampler(targets.StatsClients(client), _clock, runStart, () => measured?.Current?.InFlight ?? 0);
        var run = new SuiteRun
        {
            Plan = plan,
            Client = client,
            Targets = targets,
            Clock = _clock,
            RunStart = runStart,
            Watchdog = watchdog,
            Sampler = sampler,
            Rates = new RateTimeline(runStart, plan.PlannedDuration),
            Alignment = alignment,
        };
        if (plan.Suite.Memory.Sample)
        {
            sampler.StartSampling(plan.SampleEvery);
        }

        measured = new MeasuredPhases(run, observer, lag);
        await measured.RunAsync(cancellationToken).ConfigureAwait(false);
        var memory = measured.Interrupted ? null : await MemoryStepsAsync(run, cancellationToken).ConfigureAwait(false);
        var longStream = measured.Interrupted ? null : await LongStreamAsync(run, cancellationToken).ConfigureAwait(false);
        return new RunResult(BuildReport(run, commandLine, startedAt, measured, memory, longStream), measured.Samples);
    }

    public const string Method =
        "Closed loop: N workers, each sends its next request when the last ends. Open loop: Poisson arrivals computed up front; "
        + "queue wait = time from the scheduled arrival to a free slot. Warm-up excluded. t0 = Stopwatch timestamp just before "
        + "SendAsync. TTFT = first chunk with non-empty content (text, thinking or tool call); ITL = every gap between content "
        + "chunks; E2E = terminal chunk; TPOT = (E2E − TTFT) / (tokens − 1). TTFT/TPOT/E2E percentiles over successful requests; "
        + "percentiles from a log-bucketed histogram (relative error ≤ 1%; min, mean, max exact). Throughput = successful requests "
        + "(tokens) / (last completion − first send).";

    private async Task<TargetSet> OpenTargetsAsync(RunPlan plan, HttpClient client, CancellationToken cancellationToken)
    {
        if (plan.Url is not null || fakeUrl is not null || relayUrl is not null)
        {
            return TargetSet.ForUrls(plan.Url, fakeUrl, relayUrl);
        }

        var withRelay = plan.Target.NeedsRelay() || plan.Suite.Compare || plan.Suite.Memory.LongStreamTokens > 0;
        observer.Info(withRelay ? "starting the fake Ollama and the relay..." : "starting the fake Ollama...");
        var set = await TargetSet.StartEmbeddedAsync(embedded, withRelay, client, cancellationToken).ConfigureAwait(false);
        observer.Info(set.DescribeProcesses());
        return set;
    }

    private async Task<PhaseAlignment?> WaitForCommonStartAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Shard?.StartAt is not { } startAt)
        {
            return null;
        }

        observer.Info($"{plan.Shard.Describe()}: waiting for the common start...");
        var alignment = new PhaseAlignment(startAt, _clock.Time);
        await alignment.WaitForStartAsync(cancellationToken).ConfigureAwait(false);
        return alignment;
    }

    private async Task<MemoryPerStreamResult?> MemoryStepsAsync(SuiteRun run, CancellationToken cancellationToken)
    {
        var (plan, targets) = (run.Plan, run.Targets);
        if (plan.Suite.Memory.HoldStreams.Count == 0 || targets.Fake is null)
        {
            return null;
        }

        var side = targets.Relay is not null ? TargetKind.Relay : TargetKind.Fake;
        var probe = targets.CreateProbe(side, uri => RequestOptions(plan, uri) with { MaxTokens = null });
        var executor = new RequestExecutor(run.Client, probe, run.Watchdog);
        observer.Info(
            $"memory per open stream: holding {string.Join(", ", plan.Suite.Memory.HoldStreams)} streams through the {side.Name()}...");
        var memory = new MemoryPerStream(run.Client, run.Sampler, executor, targets.Fake, run.Clock);
        return await memory.MeasureAsync(plan.Suite.Memory, plan.MemoryAfterIdle, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LongStreamResult?> LongStreamAsync(SuiteRun run, CancellationToken cancellationToken)
    {
        if (run.Plan.Suite.Memory.LongStreamTokens <= 0 || run.Targets.Relay is null)
        {
            return null;
        }

        var check = new LongStreamCheck(run.Client, run.Sampler, run.Watchdog, observer, run.Clock);
        return await check.RunAsync(run.Plan, run.Targets, cancellationToken).ConfigureAwait(false);
    }

    private static RunReport BuildReport(
        SuiteRun run, string commandLine, DateTimeOffset startedAt, MeasuredPhases measured, MemoryPerStreamResult? memory,
        LongStreamResult? longStream)
    {
        var (plan, targets, phases) = (run.Plan, run.Targets, measured.Phases);
        return new RunReport
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
            ThroughputBinSeconds = run.Rates.BinSeconds,
            Throughput = run.Rates.Points(),
            Memory = run.Sampler.Points,
            MemoryPerStream = memory,
            LongStream = longStream,
            Comparison = plan.Suite.Compare ? Comparison.Build(phases, memory) : null,
            Thresholds = [.. phases.SelectMany(p => plan.Thresholds.Select(t => t.Evaluate(p.Summary)))],
            Faults = plan.Suite.Mix.Any(m => m.Expect.Count > 0) ? FaultChecks.Build(plan.Mix, measured.Samples) : [],
            Notes = [.. Notes(plan, targets, measured.Interrupted), .. run.Alignment?.Late ?? []],
            Interrupted = measured.Interrupted,
            Shard = plan.Shard,
        };
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

    internal static HttpClient CreateClient(RequestTimeouts timeouts) => new(new SocketsHttpHandler
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
