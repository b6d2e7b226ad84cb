namespace StreamingHarness.Harness.Measurement;

/// <summary>Everything a report says about one phase, computed once from its <see cref="PhaseRecorder"/>.</summary>
internal sealed record PhaseSummary(
    string Name,
    string Target,
    string Load,
    int Concurrency,
    long Sent,
    long Succeeded,
    long Failed,
    long InFlightAtStop,
    double DurationSeconds,
    double RequestsPerSecond,
    long OutputTokens,
    double TokensPerSecond,
    string TokenSource,
    double ErrorRate,
    long GoodRequests,
    double? GoodputPerSecond,
    string Slo,
    IReadOnlyDictionary<string, long> Outcomes,
    Percentiles Ttft,
    Percentiles Itl,
    Percentiles Tpot,
    Percentiles E2e,
    Percentiles Headers,
    Percentiles QueueWait,
    Percentiles HarnessLag,
    Percentiles ItlError,
    IReadOnlyList<DistributionBin> TtftDistribution,
    IReadOnlyList<DistributionBin> ItlDistribution,
    TokenCountDisagreement? CountDisagreement = null,
    long Cancelled = 0)
{
    /// <summary>What the service in front of the fake added, when the phase was joined to the fake's journal.</summary>
    public AddedByService? Added { get; init; }

    public static PhaseSummary From(PhaseRecorder phase, string target, ServiceLevelObjectives slo, LogHistogram? harnessLag = null)
    {
        var seconds = Ticks.ToMilliseconds(phase.ActiveTicks) / 1000;
        var samples = phase.Samples;
        var good = slo.IsEmpty ? phase.Succeeded : samples.LongCount(slo.IsMetBy);
        var chunks = samples.Any(s => s.Outcome.IsOk && s.TokensAreChunks);
        var reported = samples.Any(s => s.Outcome.IsOk && !s.TokensAreChunks);
        var disagreement = TokenCountDisagreement.From(samples);
        var completed = phase.Succeeded + phase.Failed;
        return new PhaseSummary(
            phase.Name,
            target,
            phase.Load,
            phase.Concurrency,
            phase.Sent,
            phase.Succeeded,
            phase.Failed,
            phase.InFlightAtStop,
            Math.Round(seconds, 3),
            seconds > 0 ? Math.Round(phase.Succeeded / seconds, 2) : 0,
            phase.Tokens,
            seconds > 0 ? Math.Round(phase.Tokens / seconds, 1) : 0,
            disagreement is not null ? disagreement.Describe(phase.Succeeded) : (chunks, reported) switch
            {
                (true, true) => "mixed (server counts where given, chunks elsewhere)",
                (true, false) => "chunks (the server gave no token count)",
                _ => "server counts (eval_count / usage)",
            },
            completed == 0 ? 0 : Math.Round((double)phase.Failed / completed, 6),
            good,
            slo.IsEmpty || seconds <= 0 ? null : Math.Round(good / seconds, 2),
            slo.ToString(),
            new SortedDictionary<string, long>(phase.Outcomes.ToDictionary(), StringComparer.Ordinal),
            Percentiles.From(phase.Ttft),
            Percentiles.From(phase.Itl),
            Percentiles.From(phase.Tpot),
            Percentiles.From(phase.E2e),
            Percentiles.From(phase.Headers),
            Percentiles.From(phase.QueueWait),
            harnessLag is null ? Percentiles.Empty : Percentiles.From(harnessLag),
            Percentiles.From(phase.ItlError),
            DistributionBin.From(phase.Ttft),
            DistributionBin.From(phase.Itl),
            disagreement,
            phase.Cancelled);
    }

    /// <summary>The distribution thresholds and reports name: ttft, itl, tpot, e2e, headers, queue_wait.</summary>
    public Percentiles? Distribution(string metric) => metric switch
    {
        "ttft" => Ttft,
        "itl" => Itl,
        "tpot" => Tpot,
        "e2e" => E2e,
        "headers" => Headers,
        "queue_wait" => QueueWait,
        "harness_lag" => HarnessLag,
        "itl_error" => ItlError,
        "added_ttft" => Added?.AddedTtft ?? Percentiles.Empty,
        "added_delay" => Added?.AddedDelay ?? Percentiles.Empty,
        _ => null,
    };
}
