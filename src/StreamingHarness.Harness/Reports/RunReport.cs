using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Shards;

namespace StreamingHarness.Harness.Reports;

/// <summary>Everything a run found, as written to summary.json and rendered in report.html / report.md.</summary>
internal sealed record RunReport(
    string Name,
    string Suite,
    string Description,
    DateTimeOffset StartedAt,
    string CommandLine,
    string Machine,
    string Targets,
    string Method,
    IReadOnlyList<PhaseReport> Phases,
    double ThroughputBinSeconds,
    IReadOnlyList<RatePoint> Throughput,
    IReadOnlyList<MemoryPoint> Memory,
    MemoryPerStreamResult? MemoryPerStream,
    LongStreamResult? LongStream,
    ComparisonResult? Comparison,
    IReadOnlyList<ThresholdResult> Thresholds,
    IReadOnlyList<FaultCheck> Faults,
    IReadOnlyList<string> Notes,
    bool Interrupted = false,
    ShardSpec? Shard = null)
{
    /// <summary>Ran to the end, every request accounted for, every threshold met, every fault ended as expected.</summary>
    public bool Passed => !Interrupted && Thresholds.All(t => t.Passed) && Faults.All(f => f.Passed) && Phases.All(p => p.AccountingExact);

    public string Verdict => Interrupted ? "INTERRUPTED" : Passed ? "PASSED" : "FAILED";
}

/// <summary>
/// A phase's figures, what each process spent during it, and (direct to a fake) the fake's own time to its first
/// line for the same period, from its journal. <see cref="Histograms"/> holds every histogram in full, for <c>merge</c>.
/// </summary>
internal sealed record PhaseReport(
    PhaseSummary Summary,
    IReadOnlyList<ProcessUsage> Usage,
    Percentiles? ServerFirstLine = null,
    Percentiles? ServerGaps = null,
    PhaseHistograms? Histograms = null)
{
    /// <summary>
    /// Sent = succeeded + failed + cancelled: nothing lost. Requests still running when the drain time ran out count as
    /// failed (kind "cancelled"); requests cut by the user's Ctrl+C count as cancelled, not as errors.
    /// </summary>
    public bool AccountingExact => Summary.Sent == Summary.Succeeded + Summary.Failed + Summary.Cancelled;
}

/// <summary>For one model of a faults mix: how its requests ended, and whether every one ended as expected.</summary>
internal sealed record FaultCheck(
    string Model, IReadOnlyList<string> Expected, IReadOnlyDictionary<string, long> Seen, long Unexpected, bool Passed);
