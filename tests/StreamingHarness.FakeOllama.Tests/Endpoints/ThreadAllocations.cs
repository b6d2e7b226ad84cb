namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// The bytes a read allocates on this thread, counted on its second run. The first read of a request type in a process
/// also builds that type's JSON metadata and other one-time state (about 240 KB for chat, close to the memory tests'
/// 256 KB allowance over the body), which is not what those tests bound. The reads complete synchronously (the bodies
/// are in memory), so the count is of this thread's work alone.
/// </summary>
internal static class ThreadAllocations
{
    public static async Task<(T Value, long Bytes)> OfSecondRunAsync<T>(Func<Task<T>> read)
    {
        await read();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var value = await read();
        return (value, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
