using StreamingHarness.Protocol.Operations;

namespace StreamingHarness.Harness.Measurement;

/// <summary>The stats of every measured process (the started servers and the harness itself) at one instant.</summary>
internal sealed record ProcessSnapshot(long At, IReadOnlyDictionary<string, ProcessStats> Stats)
{
    /// <summary>Per process, what was spent between <paramref name="before"/> and this snapshot.</summary>
    public IReadOnlyList<ProcessUsage> UsageSince(ProcessSnapshot before, long requests, long tokens)
    {
        var seconds = Ticks.ToMilliseconds(At - before.At) / 1000;
        var usage = new List<ProcessUsage>();
        foreach (var (name, now) in Stats)
        {
            if (!before.Stats.TryGetValue(name, out var then))
            {
                continue;
            }

            var allocated = (double)(now.TotalAllocatedBytes - then.TotalAllocatedBytes);
            usage.Add(new ProcessUsage(
                name,
                seconds > 0 ? Math.Round((now.CpuTimeMs - then.CpuTimeMs) / 1000 / seconds, 3) : 0,
                requests > 0 ? Math.Round(allocated / requests) : 0,
                tokens > 0 ? Math.Round(allocated / tokens, 1) : 0,
                Math.Round(now.WorkingSetBytes / 1048576.0, 1),
                Math.Round(now.ManagedHeapBytes / 1048576.0, 1)));
        }

        return usage;
    }
}
