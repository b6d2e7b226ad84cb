using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// One step of a capacity sweep, measured the same way for every pair: the streams start together, a warm-up lets
/// their connections open and their schedules settle, then only the gaps that arrive within the window count (the
/// difference of the ITL error histogram at its two ends), and the streams are cancelled. Streams are longer than
/// warm-up and window together, so none ends inside the window. The server's and this process's CPU over the window
/// say which side a breaking step ran out of, and a settle after each step lets the server drop the cancelled streams.
/// </summary>
internal sealed class CapacityWindow(TimeSpan warmup, TimeSpan window, TimeSpan settle)
{
    public static CapacityWindow Default { get; } = new(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(1));

    /// <summary>
    /// Runs <paramref name="streams"/> of <paramref name="stream"/>, each recording its gaps into the one recorder given;
    /// a stream returns false (or throws) when it failed before it was cancelled.
    /// </summary>
    public async Task<CapacityReading> MeasureAsync(
        int streams, double intervalMs, int serverProcessId, Func<GapRecorder, CancellationToken, Task<bool>> stream, CancellationToken ct)
    {
        var gaps = new GapRecorder(intervalMs);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = Enumerable.Range(0, streams).Select(_ => RunOneAsync(stream, gaps, stop.Token)).ToArray();
        await SettleAsync(ct).ConfigureAwait(false);
        var before = gaps.Errors.ToSnapshot();
        var (serverCpu, clientCpu) = (ProcessCpu.Read(serverProcessId), ProcessCpu.Read(Environment.ProcessId));
        var runtimeBefore = ClientRuntime.Read();
        await Task.Delay(window, ct).ConfigureAwait(false);
        var runtime = ClientRuntime.Read().Since(runtimeBefore);
        var after = gaps.Errors.ToSnapshot();
        (serverCpu, clientCpu) = (ProcessCpu.Read(serverProcessId) - serverCpu, ProcessCpu.Read(Environment.ProcessId) - clientCpu);
        await stop.CancelAsync().ConfigureAwait(false);
        var failed = (await Task.WhenAll(running).ConfigureAwait(false)).Count(ok => !ok);
        await Task.Delay(settle, ct).ConfigureAwait(false);

        var inWindow = Between(before, after);
        var tokens = Math.Max(inWindow.Count, 1);
        return new CapacityReading(
            streams, inWindow.Count, window.TotalSeconds, inWindow.ValueAtQuantile(0.5) / 1e6, inWindow.ValueAtQuantile(0.99) / 1e6, failed)
        {
            ServerCpuMicrosPerToken = serverCpu.TotalMicroseconds / tokens,
            ClientCpuMicrosPerToken = clientCpu.TotalMicroseconds / tokens,
            Client = runtime,
        };
    }

    /// <summary>
    /// The warm-up, with a full collection of this process two thirds in. The streams' start (their requests,
    /// connections, buffers: some tens of MB at a thousand streams) otherwise stays in the young generations until
    /// the first collection inside the window, which then copies all of it while every read waits: 20-40 ms pauses
    /// that broke the p99 of whole windows (every breaking step of the instrument in three runs had one, no holding
    /// step had any). Promoted here, in the warm-up, the window sees only the steady state's own collections: the
    /// HttpClient's chunked read allocates about 250 B a token when a read waits, and its gen0 collections keep few
    /// objects. The raw client allocates nothing, so the same collection costs its pair nothing.
    /// </summary>
    private async Task SettleAsync(CancellationToken ct)
    {
        await Task.Delay(warmup * 2 / 3, ct).ConfigureAwait(false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        await Task.Delay(warmup - warmup * 2 / 3, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The values recorded between two snapshots of one histogram: the buckets' difference. Min and max are not known
    /// for the window alone, so they are 0 and the later snapshot's max, bounds the quantiles are clamped to. The count
    /// is the buckets' own (a snapshot taken while others record may be a value ahead in its count).
    /// </summary>
    internal static LogHistogram Between(HistogramSnapshot before, HistogramSnapshot after)
    {
        var earlier = before.Buckets.ToDictionary(b => b[0], b => b[1]);
        var buckets = after.Buckets
            .Select(b => new[] { b[0], b[1] - earlier.GetValueOrDefault(b[0]) })
            .Where(b => b[1] > 0)
            .ToList();
        return LogHistogram.FromSnapshot(new HistogramSnapshot(
            after.RelativeAccuracy, buckets.Sum(b => b[1]), after.Sum - before.Sum, 0, after.Max, buckets));
    }

    private static async Task<bool> RunOneAsync(
        Func<GapRecorder, CancellationToken, Task<bool>> stream, GapRecorder gaps, CancellationToken stop)
    {
        try
        {
            return await stream(gaps, stop).ConfigureAwait(false) || stop.IsCancellationRequested;
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or HttpRequestException)
        {
            return false;
        }
    }
}
