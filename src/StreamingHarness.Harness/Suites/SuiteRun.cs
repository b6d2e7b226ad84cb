using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// What every step of one run shares: the plan, the HTTP client, the services, the run's clock and its start, the
/// watchdog every request is held to, and the readings taken across phases (process stats, throughput over time).
/// <see cref="Alignment"/> is set for a shard with <c>--start-at</c>.
/// </summary>
internal sealed class SuiteRun
{
    public required RunPlan Plan { get; init; }

    public required HttpClient Client { get; init; }

    public required TargetSet Targets { get; init; }

    public required HarnessClock Clock { get; init; }

    /// <summary>The clock's reading when the load began: every sample's offset and every chart's zero.</summary>
    public required long RunStart { get; init; }

    public required TimeoutWatchdog Watchdog { get; init; }

    public required StatsSampler Sampler { get; init; }

    public required RateTimeline Rates { get; init; }

    public PhaseAlignment? Alignment { get; init; }

    public ProbeRequestOptions RequestOptions(Uri baseAddress) => SuiteRunner.RequestOptions(Plan, baseAddress);
}
