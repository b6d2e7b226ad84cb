using StreamingHarness.Harness.Load;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Profiles;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Suites;

/// <summary>A suite checked and resolved into what the runner needs; every mistake is reported here, before any load.</summary>
internal sealed record RunPlan(
    SuiteDefinition Suite,
    TargetKind Target,
    Uri? Url,
    ModelMix Mix,
    RequestTimeouts Timeouts,
    ServiceLevelObjectives Slo,
    IReadOnlyList<Threshold> Thresholds,
    IReadOnlyList<LoadStep> Steps,
    bool Open,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Drain,
    TimeSpan SampleEvery,
    TimeSpan? MemoryAfterIdle,
    IProtocolProfile? Profile = null,
    ShardSpec? Shard = null)
{
    public static RunPlan From(SuiteDefinition suite)
    {
        var target = TargetKinds.Parse(suite.Target);
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(suite.Url)
            && (!Uri.TryCreate(suite.Url, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            throw new FormatException($"url: '{suite.Url}' is not an absolute http(s) URL.");
        }

        if (target == TargetKind.Ollama && url is null)
        {
            throw new FormatException("target 'ollama' needs --url (the Ollama server) and --model.");
        }

        var mix = suite.Mix.Count > 0
            ? new ModelMix(
                [.. suite.Mix.Select(m => new MixEntry(m.Model, m.Weight, [.. m.Expect.Select(TimeoutPhaseExtensions.CanonicalLabel)]))],
                suite.Seed)
            : ModelMix.Single(Require(suite.Model, "model"));
        var duration = DurationText.Parse(suite.Duration, "duration");
        var steps = ResolveSteps(suite.Load, duration);
        if (suite.MaxRequests < 1)
        {
            throw new FormatException($"max_requests: must be at least 1, got {suite.MaxRequests}.");
        }

        if (!(suite.TimeScale > 0) || double.IsInfinity(suite.TimeScale))
        {
            throw new FormatException($"time_scale: must be a number greater than 0, got {suite.TimeScale}.");
        }

        return new RunPlan(
            suite,
            target,
            url,
            mix,
            new RequestTimeouts(
                DurationText.ParseOptional(suite.Timeouts.Headers, "timeouts.headers"),
                DurationText.ParseOptional(suite.Timeouts.FirstToken, "timeouts.first_token"),
                DurationText.ParseOptional(suite.Timeouts.Idle, "timeouts.idle"),
                DurationText.ParseOptional(suite.Timeouts.Total, "timeouts.total")),
            new ServiceLevelObjectives(suite.Slo.TtftMs, suite.Slo.TpotMs, suite.Slo.E2eMs),
            [.. suite.Thresholds.Select(Threshold.Parse)],
            steps,
            suite.Load.Kind == "open",
            duration,
            DurationText.Parse(suite.Warmup, "warmup"),
            DurationText.Parse(suite.Drain, "drain"),
            DurationText.Parse(suite.Memory.SampleEvery, "memory.sample_every"),
            DurationText.ParseOptional(suite.Memory.AfterIdle, "memory.after_idle"),
            string.IsNullOrWhiteSpace(suite.Profile) ? null : BuiltInProfiles.Resolve(suite.Profile));
    }

    /// <summary>Upper bound of the measured time, for sizing the throughput chart.</summary>
    public TimeSpan PlannedDuration => TimeSpan.FromTicks(Steps.Sum(s => s.Duration.Ticks) * (Suite.Compare ? 2 : 1)) + Warmup;

    private static List<LoadStep> ResolveSteps(LoadDefinition load, TimeSpan duration)
    {
        switch (load.Kind)
        {
            case "closed":
                Positive(load.Concurrency, "load.concurrency");
                return [new LoadStep(load.Concurrency, duration, $"closed, {load.Concurrency} concurrent")];
            case "ramp":
                if (load.Steps.Count == 0)
                {
                    throw new FormatException("load.steps: a ramp needs at least one concurrency step, e.g. [1, 8, 32].");
                }

                load.Steps.ForEach(s => Positive(s, "load.steps"));
                var step = DurationText.Parse(load.StepDuration, "load.step_duration");
                return [.. load.Steps.Select(n => new LoadStep(n, step, $"ramp step, {n} concurrent"))];
            case "open":
                if (load.Rate <= 0)
                {
                    throw new FormatException($"load.rate: must be positive, got {load.Rate}.");
                }

                if (load.MaxConcurrency is { } max)
                {
                    Positive(max, "load.max_concurrency");
                }

                return [new LoadStep(
                    load.MaxConcurrency ?? 0, duration,
                    $"open, Poisson {load.Rate}/s" + (load.MaxConcurrency is { } m ? $", at most {m} concurrent" : ""))];
            default:
                throw new FormatException($"load.kind: '{load.Kind}' is not one of closed, ramp, open.");
        }
    }

    private static void Positive(int value, string field)
    {
        if (value < 1)
        {
            throw new FormatException($"{field}: must be at least 1, got {value}.");
        }
    }

    private static string Require(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"{field}: required.") : value;
}

/// <summary>One measured level: its concurrency (0 for an uncapped open loop), how long, and how it is described.</summary>
internal sealed record LoadStep(int Concurrency, TimeSpan Duration, string Description);
