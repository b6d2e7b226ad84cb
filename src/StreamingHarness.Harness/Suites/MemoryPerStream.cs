using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// The metrics reference's method for memory per concurrent stream: baseline after a full GC; then for each N, hold
/// N streams open mid-stream (the fake's hold model pauses them), confirm every process sees N in flight, force a
/// GC and read again; release them (<c>POST /__fake/release</c>) and let them finish. The slope of retained memory
/// against N over all readings is the cost of one open stream; the reading after release shows any leak.
/// </summary>
internal sealed class MemoryPerStream(HttpClient client, StatsSampler sampler, RequestExecutor executor, Uri fake, HarnessClock clock)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public const string Method =
        "Retained memory = managed heap after a forced compacting full GC (GET /__stats?gc=true; in-process for the harness), read "
        + "with 0 streams and with N streams held open mid-stream (confirmed by each server's active_streams); bytes per open stream "
        + "= least-squares slope over all N. Working set is reported alongside (it includes runtime and socket buffers that GC does "
        + "not return). The harness's own slope is the cost of one client connection with its probe.";

    /// <param name="memory">What to hold.</param>
    /// <param name="afterIdle">When set, one more reading this long after the release (the suite's memory.after_idle).</param>
    /// <param name="cancellationToken">Stops the measurement.</param>
    public async Task<MemoryPerStreamResult> MeasureAsync(MemoryDefinition memory, TimeSpan? afterIdle, CancellationToken cancellationToken)
    {
        var steps = new List<MemoryStep>();
        var baseline = await sampler.SnapshotAsync(forceGc: true, cancellationToken).ConfigureAwait(false);
        Add(steps, 0, baseline);
        foreach (var held in memory.HoldStreams.Order())
        {
            var timelines = Enumerable.Range(0, held).Select(_ => new RequestTimeline(clock: clock)).ToList();
            var requests = timelines.Select(t => executor.ExecuteAsync(memory.HoldModel, t, cancellationToken)).ToList();
            Exception? holdFailure = null;
            try
            {
                await WaitForActiveStreamsAsync(held, requests, timelines, cancellationToken).ConfigureAwait(false);
                Add(steps, held, await sampler.SnapshotAsync(forceGc: true, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                holdFailure = ex;
            }

            // Release whatever is held, even after a failure, so no stream is left paused in the fake. A stream that
            // reaches its pause point just after a release waits for the next one, hence the loop.
            var all = Task.WhenAll(requests);
            do
            {
                await ReleaseAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await Task.WhenAny(all, Task.Delay(Poll, clock.Time, cancellationToken)).ConfigureAwait(false) != all);

            var outcomes = await all.ConfigureAwait(false);
            if (holdFailure is not null)
            {
                throw new InvalidOperationException($"memory step with {held} held streams: {holdFailure.Message}", holdFailure);
            }

            var failed = outcomes.Where(o => !o.IsOk).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException(
                    $"memory step with {held} held streams: {failed.Count} ended badly, first: {failed[0].Label} {failed[0].Detail}");
            }
        }

        var after = await sampler.SnapshotAsync(forceGc: true, cancellationToken).ConfigureAwait(false);
        ProcessSnapshot? idle = null;
        if (afterIdle is { } wait)
        {
            // A measured wait, not synchronisation: idle keep-alive connections close on their own timers.
            await Task.Delay(wait, clock.Time, cancellationToken).ConfigureAwait(false);
            idle = await sampler.SnapshotAsync(forceGc: true, cancellationToken).ConfigureAwait(false);
        }

        var slopes = baseline.Stats.Keys.Select(process =>
        {
            var points = steps.Where(s => s.Process == process).ToList();
            return new MemorySlope(
                process,
                Math.Round(LeastSquares.Slope([.. points.Select(p => ((double)p.HeldStreams, (double)p.ManagedHeapBytes))])),
                Math.Round(LeastSquares.Slope([.. points.Select(p => ((double)p.HeldStreams, (double)p.WorkingSetBytes))])),
                after.Stats[process].ManagedHeapBytes - baseline.Stats[process].ManagedHeapBytes,
                idle is null ? null : idle.Stats[process].ManagedHeapBytes - baseline.Stats[process].ManagedHeapBytes);
        }).ToList();
        return new MemoryPerStreamResult(steps, slopes, Method);
    }

    private static void Add(List<MemoryStep> steps, int held, ProcessSnapshot snapshot)
    {
        // The harness is read too: its slope is what one client connection and its probe cost, a yardstick for the
        // relay, which holds a client and an upstream connection per stream.
        foreach (var (name, stats) in snapshot.Stats)
        {
            steps.Add(new MemoryStep(held, name, stats.ActiveStreams, stats.ManagedHeapBytes, stats.WorkingSetBytes));
        }
    }

    /// <summary>Until every held stream has delivered its first token and every process counts them all as open.</summary>
    private async Task WaitForActiveStreamsAsync(
        int held, List<Task<Outcome>> requests, List<RequestTimeline> timelines, CancellationToken cancellationToken)
    {
        var started = clock.Now;
        while (true)
        {
            if (requests.FirstOrDefault(r => r.IsCompleted) is { } ended)
            {
                var outcome = await ended.ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"a held stream ended before it was released ({outcome.Label}: {outcome.Detail}); does the fake serve the hold model?");
            }

            var snapshot = await sampler.SnapshotAsync(forceGc: false, cancellationToken).ConfigureAwait(false);
            if (timelines.All(t => t.HasFirstToken)
                && snapshot.Stats.Where(kv => kv.Key != StatsSampler.Harness).All(kv => kv.Value.ActiveStreams >= held))
            {
                return;
            }

            if (Ticks.ToMilliseconds(clock.Now - started) > Deadline.TotalMilliseconds)
            {
                var seen = string.Join(", ", snapshot.Stats.Select(kv => $"{kv.Key} {kv.Value.ActiveStreams}"));
                throw new TimeoutException($"waited {Deadline.TotalSeconds} s for {held} streams in flight; active streams: {seen}.");
            }

            await Task.Delay(Poll, clock.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(new Uri(fake, FakeAdminRoutes.Release), null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {FakeAdminRoutes.Release} answered {(int)response.StatusCode}.");
        }
    }
}
