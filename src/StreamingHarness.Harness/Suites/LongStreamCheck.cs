using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// One very long stream through the relay, with the relay's retained heap (after a forced GC) and working set
/// read every 200 ms while it runs: a relay with constant memory per stream shows no growth with length.
/// </summary>
internal sealed class LongStreamCheck(
    HttpClient client, StatsSampler sampler, TimeoutWatchdog watchdog, IRunObserver observer, HarnessClock clock)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    public async Task<LongStreamResult> RunAsync(RunPlan plan, TargetSet targets, CancellationToken cancellationToken)
    {
        var memory = plan.Suite.Memory;
        observer.Info($"long stream: {memory.LongStreamTokens} tokens of '{memory.LongStreamModel}' through the relay...");
        var probe = targets.CreateProbe(
            TargetKind.Relay, uri => SuiteRunner.RequestOptions(plan, uri) with { MaxTokens = memory.LongStreamTokens });
        var timeline = new RequestTimeline(clock: clock);
        var stream = new RequestExecutor(client, probe, watchdog).ExecuteAsync(memory.LongStreamModel, timeline, cancellationToken);
        var relay = sampler.Servers.First(s => s.Name == "relay");
        var points = new List<LongStreamPoint>();
        var start = clock.Now;
        while (!stream.IsCompleted)
        {
            await Task.WhenAny(stream, Task.Delay(Every, clock.Time, cancellationToken)).ConfigureAwait(false);
            if (stream.IsCompleted || !timeline.HasFirstToken)
            {
                continue;
            }

            var stats = await relay.ReadAsync(forceGc: true, cancellationToken).ConfigureAwait(false);
            points.Add(
                new LongStreamPoint(
                Math.Round(Ticks.ToMilliseconds(clock.Now - start) / 1000, 2), timeline.ContentChunks, stats.ManagedHeapBytes,
                stats.WorkingSetBytes));
        }

        var outcome = await stream.ConfigureAwait(false);
        var growth = points.Count < 2 ? 0 : points[^1].ManagedHeapBytes - points[0].ManagedHeapBytes;
        var wsGrowth = points.Count < 2 ? 0 : points[^1].WorkingSetBytes - points[0].WorkingSetBytes;
        var slope = LeastSquares.Slope([.. points.Select(p => ((double)p.TokensSoFar, (double)p.ManagedHeapBytes))]) * 1000;
        return new LongStreamResult(
            timeline.OutputTokens, outcome.Label + (outcome.IsOk ? "" : ": " + outcome.Detail), points, growth, wsGrowth,
            Math.Round(slope, 1));
    }
}
