using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Merge;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Shards;

namespace StreamingHarness.Harness.Tests.Shards;

/// <summary>Shard reports built from known samples, as summary.json carries them (serialized and read back).</summary>
internal static class ShardReports
{
    /// <summary>A successful request: time to first token, then <paramref name="restNs"/> to the end, 10 tokens.</summary>
    public static RequestSample Ok(long ttftNs, long restNs) => new(
        0, "measured", "steady", 1, 0, null, ttftNs / 2e6, ttftNs / 2e6, ttftNs / 1e6, (ttftNs + restNs) / 1e6, restNs / 9e6,
        10, false, 10, 9, restNs / 9e6, restNs / 9e6, 100, Outcome.Ok);

    public static RequestSample Failed() => new(
        0, "measured", "steady", 1, 0, null, null, null, null, null, null, 0, false, 0, 0, null, null, 0, Outcome.Http(503, "busy"));

    /// <summary>A phase recorder fed the samples (and each successful one's rest as an inter-token gap), as a load run would.</summary>
    public static PhaseRecorder Record(IEnumerable<RequestSample> samples)
    {
        var phase = new PhaseRecorder("measured", "closed, 1 concurrent", 1, 0);
        long now = 1;
        foreach (var sample in samples)
        {
            phase.OnSent(now++);
            if (sample.E2eMs is { } e2e && sample.TtftMs is { } ttft)
            {
                phase.Itl.Record((long)((e2e - ttft) * 1e6));
            }

            phase.OnCompleted(sample, now++);
        }

        return phase;
    }

    public static PhaseReport Phase(PhaseRecorder phase) => new(
        PhaseSummary.From(phase, "fake ndjson /api/chat", new ServiceLevelObjectives()),
        [],
        null,
        null,
        PhaseHistograms.From(phase, null, null, null));

    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>, through summary.json and back.</summary>
    public static ShardReport Shard(int index, int count, PhaseRecorder phase, string suite = "pair")
    {
        var report = new RunReport
        {
            Name = $"{suite}-shard-{index}-of-{count}",
            Suite = suite,
            Description = "test",
            StartedAt = DateTimeOffset.UnixEpoch,
            CommandLine = "test",
            Machine = "machine",
            Targets = "targets",
            Method = "method",
            Phases = [Phase(phase)],
            ThroughputBinSeconds = 1,
            Throughput = [],
            Memory = [],
            Thresholds = [],
            Faults = [],
            Notes = [],
            Shard = new ShardSpec(index, count, null),
        };
        return new ShardReport($"/shards/{index}", ReportWriter.ReadSummary(ReportWriter.Serialize(report)));
    }
}
