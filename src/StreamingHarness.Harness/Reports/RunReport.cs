using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Shards;

namespace StreamingHarness.Harness.Reports;

/// <summary>
/// Everything a run found, as written to summary.json and rendered in report.html / report.md. Built with named
/// properties; their order here is the order of summary.json's fields, so a new one goes where the file should show it.
/// </summary>
internal sealed record RunReport
{
    /// <summary>The report folder's name: the suite's, with <c>-shard-i-of-n</c> for a shard.</summary>
    public required string Name { get; init; }

    public required string Suite { get; init; }

    public required string Description { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string CommandLine { get; init; }

    /// <summary>Cores, operating system and .NET version of the machine the harness ran on.</summary>
    public required string Machine { get; init; }

    /// <summary>The services measured: their URLs, or the processes the harness started.</summary>
    public required string Targets { get; init; }

    /// <summary>How the figures were taken, for the report's reader.</summary>
    public required string Method { get; init; }

    public required IReadOnlyList<PhaseReport> Phases { get; init; }

    public required double ThroughputBinSeconds { get; init; }

    /// <summary>Tokens, completions and failures per second over the run, one point per bin.</summary>
    public required IReadOnlyList<RatePoint> Throughput { get; init; }

    /// <summary>Each process's memory and CPU over the run.</summary>
    public required IReadOnlyList<MemoryPoint> Memory { get; init; }

    public MemoryPerStreamResult? MemoryPerStream { get; init; }

    public LongStreamResult? LongStream { get; init; }

    /// <summary>Direct against through the relay, when the suite compares them.</summary>
    public ComparisonResult? Comparison { get; init; }

    public required IReadOnlyList<ThresholdResult> Thresholds { get; init; }

    public required IReadOnlyList<FaultCheck> Faults { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Cut short by the user's Ctrl+C.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Which shard of the suite this run was, when it was one.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Ran to the end, every request accounted for, every threshold met, every fault ended as expected.</summary>
    public bool Passed => !Interrupted && Thresholds.All(t => t.Passed) && Faults.All(f => f.Passed) && Phases.All(p => p.AccountingExact);

    public string Verdict => Interrupted ? "INTERRUPTED" : Passed ? "PASSED" : "FAILED";
}
