using System.Diagnostics;
using StreamingHarness.Protocol.Operations;

namespace StreamingHarness.Hosting.Diagnostics;

/// <summary>Reads the current process's memory and CPU into the <c>/__stats</c> wire type.</summary>
public static class ProcessStatsCapture
{
    /// <summary><paramref name="forceFullGc"/> compacts first, so the heap figure is retained memory only.</summary>
    public static ProcessStats Capture(long activeStreams, bool forceFullGc)
    {
        if (forceFullGc)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        using var process = Process.GetCurrentProcess();
        return new ProcessStats(
            process.WorkingSet64,
            GC.GetTotalMemory(false),
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(2),
            process.TotalProcessorTime.TotalMilliseconds,
            activeStreams);
    }
}
