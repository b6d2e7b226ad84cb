using StreamingHarness.Hosting.Diagnostics;
using System.Collections.Concurrent;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Protocol.Operations;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Reads <c>/__stats</c> of the started servers and the harness's own process stats, on demand (phase boundaries,
/// memory steps) and every <c>sample_every</c> in the background for the memory-over-time chart.
/// </summary>
internal sealed class StatsSampler(IReadOnlyList<StatsClient> servers, HarnessClock clock, long runStart, Func<long> harnessInFlight)
    : IAsyncDisposable
{
    public const string Harness = "harness";
    private readonly ConcurrentQueue<MemoryPoint> _points = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private ProcessSnapshot? _previous;

    public IReadOnlyList<StatsClient> Servers => servers;

    public IReadOnlyList<MemoryPoint> Points => [.. _points];

    public void StartSampling(TimeSpan every) => _loop = Task.Run(() => LoopAsync(every, _stop.Token));

    public async Task<ProcessSnapshot> SnapshotAsync(bool forceGc, CancellationToken cancellationToken)
    {
        var stats = new Dictionary<string, ProcessStats>(StringComparer.Ordinal)
        {
            [Harness] = ProcessStatsCapture.Capture(harnessInFlight(), forceGc),
        };
        foreach (var server in servers)
        {
            stats[server.Name] = await server.ReadAsync(forceGc, cancellationToken).ConfigureAwait(false);
        }

        return new ProcessSnapshot(clock.Now, stats);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every, clock.Time);
        do
        {
            try
            {
                Record(await SnapshotAsync(forceGc: false, cancellationToken).ConfigureAwait(false));
            }
            catch (HttpRequestException)
            {
                // A server busy or gone for a moment: the next tick tries again; the gap shows in the chart.
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private void Record(ProcessSnapshot snapshot)
    {
        var seconds = Math.Round(Ticks.ToMilliseconds(snapshot.At - runStart) / 1000, 3);
        foreach (var (name, stats) in snapshot.Stats)
        {
            var cpu = 0.0;
            if (_previous is { } previous && previous.Stats.TryGetValue(name, out var before))
            {
                var wall = Ticks.ToMilliseconds(snapshot.At - previous.At);
                cpu = wall > 0 ? Math.Round((stats.CpuTimeMs - before.CpuTimeMs) / wall * 100, 1) : 0;
            }

            _points.Enqueue(
                new MemoryPoint(
                seconds, name, Math.Round(stats.WorkingSetBytes / 1048576.0, 2), Math.Round(stats.ManagedHeapBytes / 1048576.0, 2),
                stats.ActiveStreams, cpu));
        }

        _previous = snapshot;
    }
}
