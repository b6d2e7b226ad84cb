using System.Diagnostics;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Diagnostics;

/// <summary>
/// What the fake and the relay report on <c>GET /__stats</c>, so the load harness can measure memory per open stream
/// the way the field's benchmarks do (baseline after a full GC, then again with N streams held open).
/// </summary>
public sealed record ProcessStats(
    [property: JsonPropertyName("working_set_bytes")] long WorkingSetBytes,
    [property: JsonPropertyName("managed_heap_bytes")] long ManagedHeapBytes,
    [property: JsonPropertyName("total_allocated_bytes")] long TotalAllocatedBytes,
    [property: JsonPropertyName("gen2_collections")] int Gen2Collections,
    [property: JsonPropertyName("cpu_time_ms")] double CpuTimeMs,
    [property: JsonPropertyName("active_streams")] long ActiveStreams)
{
    /// <summary>
    /// Reads the current process. <paramref name="forceFullGc"/> compacts first, so the heap figure is retained memory only.
    /// </summary>
    public static ProcessStats Capture(long activeStreams, bool forceFullGc)
    {
        if (forceFullGc)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
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
