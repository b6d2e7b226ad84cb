using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Merge;

/// <summary>
/// One phase of N shards as one phase: every percentile is read from the histograms merged bucket by bucket (the
/// same histogram one process would have filled with all the requests), counts are summed, and rates are summed,
/// each shard's over its own first send to last completion (the aggregate while the shards' phases overlap, which
/// <c>--start-at</c> makes them do). Nothing is averaged.
/// </summary>
internal static class PhaseMerger
{
    public static PhaseReport Merge(IReadOnlyList<ShardReport> shards, int index)
    {
        var phases = shards.Select(s => s.Report.Phases[index]).ToList();
        var all = phases.Select(p => p.Histograms!).ToList();
        var merged = new PhaseHistograms(
            Sum(all, h => h.Ttft),
            Sum(all, h => h.Itl),
            Sum(all, h => h.ItlError),
            Sum(all, h => h.Tpot),
            Sum(all, h => h.E2e),
            Sum(all, h => h.Headers),
            Sum(all, h => h.QueueWait),
            Sum(all, h => h.HarnessLag),
            all.All(h => h.ServerFirstLine is not null) ? Sum(all, h => h.ServerFirstLine!) : null,
            all.All(h => h.ServerGaps is not null) ? Sum(all, h => h.ServerGaps!) : null);
        var s = phases.Select(p => p.Summary).ToList();
        var sent = s.Sum(p => p.Sent);
        var succeeded = s.Sum(p => p.Succeeded);
        var failed = s.Sum(p => p.Failed);
        var ttft = LogHistogram.FromSnapshot(merged.Ttft);
        var itl = LogHistogram.FromSnapshot(merged.Itl);
        var summary = new PhaseSummary(
            s[0].Name,
            Distinct(s.Select(p => p.Target)),
            Load(s),
            s.Sum(p => p.Concurrency),
            sent,
            succeeded,
            failed,
            s.Sum(p => p.InFlightAtStop),
            s.Max(p => p.DurationSeconds),
            Math.Round(s.Sum(p => p.RequestsPerSecond), 2),
            s.Sum(p => p.OutputTokens),
            Math.Round(s.Sum(p => p.TokensPerSecond), 1),
            Distinct(s.Select(p => p.TokenSource)),
            succeeded + failed == 0 ? 0 : Math.Round((double)failed / (succeeded + failed), 6),
            s.Sum(p => p.GoodRequests),
            s.All(p => p.GoodputPerSecond is null) ? null : Math.Round(s.Sum(p => p.GoodputPerSecond ?? 0), 2),
            s[0].Slo,
            new SortedDictionary<string, long>(
                s.SelectMany(p => p.Outcomes).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value)),
                StringComparer.Ordinal),
            Percentiles.From(ttft),
            Percentiles.From(itl),
            From(merged.Tpot),
            From(merged.E2e),
            From(merged.Headers),
            From(merged.QueueWait),
            From(merged.HarnessLag),
            From(merged.ItlError),
            DistributionBin.From(ttft),
            DistributionBin.From(itl),
            s.All(p => p.CountDisagreement is null) ? null : new TokenCountDisagreement(
                s.Sum(p => p.CountDisagreement?.Requests ?? 0),
                s.Sum(p => p.CountDisagreement?.ServerCount ?? 0),
                s.Sum(p => p.CountDisagreement?.ContentChunks ?? 0)),
            s.Sum(p => p.Cancelled));
        var usage = shards.SelectMany((shard, i) =>
            shard.Report.Phases[index].Usage.Select(u => u with { Process = $"{u.Process} ({shard.Label(i)})" }));
        return new PhaseReport(
            summary,
            [.. usage],
            merged.ServerFirstLine is { } firstLine ? From(firstLine) : null,
            merged.ServerGaps is { } gaps ? From(gaps) : null,
            merged);
    }

    /// <summary>The histograms added bucket by bucket, as one snapshot.</summary>
    public static HistogramSnapshot Sum(IEnumerable<PhaseHistograms> all, Func<PhaseHistograms, HistogramSnapshot> pick)
    {
        var total = new LogHistogram();
        foreach (var histograms in all)
        {
            total.Merge(LogHistogram.FromSnapshot(pick(histograms)));
        }

        return total.ToSnapshot();
    }

    /// <summary>The shards' loads grouped, e.g. "2 × (closed, 3 concurrent) + 2 × (closed, 2 concurrent)".</summary>
    private static string Load(IEnumerable<PhaseSummary> phases) => string.Join(
        " + ",
        phases.GroupBy(p => p.Load, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Count()} × ({g.Key})"));

    private static Percentiles From(HistogramSnapshot snapshot) => Percentiles.From(LogHistogram.FromSnapshot(snapshot));

    private static string Distinct(IEnumerable<string> values) => string.Join("; ", values.Distinct(StringComparer.Ordinal));
}
