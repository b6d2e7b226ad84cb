using StreamingHarness.Harness.Shards;

namespace StreamingHarness.Harness.Suites;

/// <summary>A suite cut to one shard's share (<see cref="ShardSpec"/> says which share; the suite knows what can be shared).</summary>
internal static class SuiteShares
{
    /// <summary>
    /// The suite as this shard runs it. Concurrency (each ramp step), the open loop's cap and the request cap are
    /// whole numbers split as evenly as possible, the remainder going one each to the lowest indices (10 over 4
    /// shards: 3, 3, 2, 2), so the shards add up to the suite exactly; each shard needs at least 1. The open loop's
    /// rate is divided exactly. The seed is offset by the index (seed + i) so that shards draw different Poisson
    /// schedules, model mixes and answers; seed 0 (requests unseeded) is left as it is. Memory per open stream and the
    /// long stream measure one server from one client: a shard skips them.
    /// </summary>
    public static SuiteDefinition Apply(this ShardSpec shard, SuiteDefinition suite)
    {
        var s = suite.Clone();
        if (shard.Count == 1)
        {
            return s;
        }

        switch (suite.Load.Kind)
        {
            case "closed":
                s.Load.Concurrency = (int)shard.ShareOfAtLeastOne(suite.Load.Concurrency, "concurrency");
                break;
            case "ramp":
                s.Load.Steps = [.. suite.Load.Steps.Select(step => (int)shard.ShareOfAtLeastOne(step, "ramp step"))];
                break;
            default:
                s.Load.Rate = suite.Load.Rate / shard.Count;
                s.Load.MaxConcurrency = suite.Load.MaxConcurrency is { } max ? (int)shard.ShareOfAtLeastOne(max, "max concurrency") : null;
                break;
        }

        s.MaxRequests = shard.ShareOfAtLeastOne(suite.MaxRequests, "max requests");
        s.Seed = suite.Seed == 0 ? 0 : suite.Seed + shard.Index;
        s.Memory.HoldStreams = [];
        s.Memory.LongStreamTokens = 0;
        return s;
    }
}
