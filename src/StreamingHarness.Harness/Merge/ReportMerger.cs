using System.Globalization;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Shards;

namespace StreamingHarness.Harness.Merge;

/// <summary>
/// N shard reports of one suite as one report. First it checks that they belong together (same suite, phases, SLO
/// and thresholds; one complete set of shard indices) and that each adds up (outcomes = ok + failed; each summary's
/// counts = its histograms' counts); any disagreement is a <see cref="FormatException"/> naming the folder.
/// Then phases merge (<see cref="PhaseMerger"/>), thresholds are judged again on the merged figures, fault checks
/// and throughput over time are summed, and memory readings are kept per shard.
/// </summary>
internal static class ReportMerger
{
    public static RunReport Merge(IReadOnlyList<ShardReport> shards, string commandLine)
    {
        Check(shards);
        var first = shards[0].Report;
        var phases = Enumerable.Range(0, first.Phases.Count).Select(i => PhaseMerger.Merge(shards, i)).ToList();
        var thresholds = shards.SelectMany(s => s.Report.Thresholds.Select(t => t.Threshold)).Distinct(StringComparer.Ordinal)
            .Select(Threshold.Parse).ToList();
        var binsAgree = shards.All(s => s.Report.ThroughputBinSeconds == first.ThroughputBinSeconds);
        var notes = new List<string>
        {
            $"Merged from {shards.Count} reports: "
            + string.Join(", ", shards.Select((s, i) => $"{s.Label(i)} {Path.GetFileName(s.Folder)}")) + ". "
            + "Percentiles come from the merged histograms; counts, request and token rates are the shards' summed.",
        };
        if (!binsAgree)
        {
            notes.Add("The shards' throughput-over-time bins differ in width: the chart is left out.");
        }

        notes.AddRange(shards.SelectMany(s => s.Report.Notes)
            .Where(n => !n.StartsWith(ShardSpec.NotePrefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal));
        return new RunReport
        {
            Name = first.Suite,
            Suite = first.Suite,
            Description = first.Description,
            StartedAt = shards.Min(s => s.Report.StartedAt),
            CommandLine = commandLine,
            Machine = Distinct(shards.Select(s => s.Report.Machine)),
            Targets = Distinct(shards.Select(s => s.Report.Targets)),
            Method = first.Method + $" Merged from {shards.Count} reports: histograms added bucket by bucket, never percentiles averaged.",
            Phases = phases,
            ThroughputBinSeconds = first.ThroughputBinSeconds,
            Throughput = binsAgree ? Throughput(shards) : [],
            Memory = [.. shards.SelectMany((s, i) => s.Report.Memory.Select(m => m with { Process = $"{m.Process} ({s.Label(i)})" }))],
            Comparison = first.Comparison is null ? null : Comparison.Build(phases, null),
            Thresholds = [.. phases.SelectMany(p => thresholds.Select(t => t.Evaluate(p.Summary)))],
            Faults = Faults(shards),
            Notes = notes,
            Interrupted = shards.Any(s => s.Report.Interrupted),
        };
    }

    private static void Check(IReadOnlyList<ShardReport> shards)
    {
        if (shards.Count == 0)
        {
            throw new FormatException("merge: give at least one report folder.");
        }

        var first = shards[0];
        foreach (var shard in shards)
        {
            var r = shard.Report;
            Agree(shard, first, "suite", r => r.Suite);
            Agree(shard, first, "phases", r => string.Join(", ", r.Phases.Select(p => $"'{p.Summary.Name}'")));
            Agree(shard, first, "SLO", r => string.Join(", ", r.Phases.Select(p => p.Summary.Slo).Distinct()));
            Agree(shard, first, "thresholds", r => string.Join(", ", r.Thresholds.Select(t => t.Threshold).Distinct()));
            Agree(shard, first, "shard count", r => r.Shard is { Count: > 1 } s ? s.Count.ToString(CultureInfo.InvariantCulture) : "none");
            Agree(shard, first, "--start-at", r => r.Shard?.StartAt?.ToString("O", CultureInfo.InvariantCulture) ?? "none");
            foreach (var phase in r.Phases)
            {
                CheckAccounting(shard, phase);
            }
        }

        if (first.Report.Shard is { Count: > 1 } spec)
        {
            var indices = shards.Select(s => s.Report.Shard!.Index).ToList();
            var duplicate = indices.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                var folders = shards.Where(s => s.Report.Shard!.Index == duplicate.Key).Select(s => s.Folder);
                throw new FormatException($"shard {duplicate.Key} is given twice: {string.Join(", ", folders)}.");
            }

            var missing = Enumerable.Range(0, spec.Count).Except(indices).ToList();
            if (missing.Count > 0)
            {
                throw new FormatException(
                    $"the suite ran as {spec.Count} shards but shard(s) {string.Join(", ", missing)} are missing: "
                    + "the merged counts would not be the suite's.");
            }
        }
    }

    private static void Agree(ShardReport shard, ShardReport first, string what, Func<RunReport, string> value)
    {
        var (mine, theirs) = (value(shard.Report), value(first.Report));
        if (!string.Equals(mine, theirs, StringComparison.Ordinal))
        {
            throw new FormatException(
                $"{shard.Folder}: {what} is {mine}, but {first.Folder} has {theirs}: these reports are not shards of one run.");
        }
    }

    private static void CheckAccounting(ShardReport shard, PhaseReport phase)
    {
        var s = phase.Summary;
        var where = $"{Path.Combine(shard.Folder, "summary.json")}: phase '{s.Name}'";
        var h = phase.Histograms
            ?? throw new FormatException($"{where} has no histograms (written by a harness without merge support): run it again.");
        var outcomes = s.Outcomes.Values.Sum();
        if (outcomes != s.Succeeded + s.Failed || s.Sent < s.Succeeded + s.Failed)
        {
            throw new FormatException(
                $"{where}: sent {s.Sent}, ok {s.Succeeded}, failed {s.Failed}, but its outcomes add up to {outcomes}.");
        }

        foreach (var (name, summary, snapshot) in new[]
        {
            ("ttft", s.Ttft, h.Ttft), ("itl", s.Itl, h.Itl), ("tpot", s.Tpot, h.Tpot), ("e2e", s.E2e, h.E2e),
            ("headers", s.Headers, h.Headers), ("queue_wait", s.QueueWait, h.QueueWait), ("itl_error", s.ItlError, h.ItlError),
        })
        {
            if (summary.Count != snapshot.Count)
            {
                throw new FormatException($"{where}: {name} counts {summary.Count} values but its histogram holds {snapshot.Count}.");
            }
        }
    }

    private static List<RatePoint> Throughput(IReadOnlyList<ShardReport> shards) =>
        [.. shards.SelectMany(s => s.Report.Throughput).GroupBy(p => p.Seconds).OrderBy(g => g.Key)
            .Select(g => new RatePoint(
                g.Key, g.Sum(p => p.TokensPerSecond), g.Sum(p => p.CompletedPerSecond), g.Sum(p => p.FailedPerSecond)))];

    private static List<FaultCheck> Faults(IReadOnlyList<ShardReport> shards) =>
        [.. shards.SelectMany(s => s.Report.Faults).GroupBy(f => f.Model, StringComparer.Ordinal).Select(g =>
        {
            var seen = new SortedDictionary<string, long>(
                g.SelectMany(f => f.Seen).GroupBy(kv => kv.Key).ToDictionary(k => k.Key, k => k.Sum(kv => kv.Value)),
                StringComparer.Ordinal);
            var unexpected = g.Sum(f => f.Unexpected);
            return new FaultCheck(g.Key, g.First().Expected, seen, unexpected, unexpected == 0 && seen.Count > 0);
        })];

    private static string Distinct(IEnumerable<string> values) => string.Join(" | ", values.Distinct(StringComparer.Ordinal));
}
