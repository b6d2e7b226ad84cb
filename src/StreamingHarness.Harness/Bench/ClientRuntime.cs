using System.Globalization;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// What this process's runtime did over a capacity window, to say why a client's reads ran late: collections by
/// generation, the bytes allocated and the time the GC paused every thread, lock contentions, and the thread pool's threads and queue at
/// the window's end (<see cref="Since"/> keeps the later one's gauges). All are counters the runtime
/// keeps anyway, so reading them costs nothing under load.
/// </summary>
internal sealed record ClientRuntime(
    int Gen0Collections, int Gen1Collections, int Gen2Collections, double GcPauseMs, long AllocatedBytes, long LockContentions,
    int ThreadPoolThreads, long ThreadPoolQueue)
{
    public static ClientRuntime Read() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds,
        GC.GetTotalAllocatedBytes(), Monitor.LockContentionCount, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount);

    public ClientRuntime Since(ClientRuntime before) => new(
        Gen0Collections - before.Gen0Collections, Gen1Collections - before.Gen1Collections,
        Gen2Collections - before.Gen2Collections, GcPauseMs - before.GcPauseMs, AllocatedBytes - before.AllocatedBytes,
        LockContentions - before.LockContentions, ThreadPoolThreads, ThreadPoolQueue);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"gc {Gen0Collections}/{Gen1Collections}/{Gen2Collections} {GcPauseMs:0} ms, {AllocatedBytes / 1048576.0:0.0} MB allocated, "
        + $"locks {LockContentions}, "
        + $"pool {ThreadPoolThreads}/{ThreadPoolQueue}");
}
