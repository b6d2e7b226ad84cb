using System.Diagnostics;
using System.Globalization;
using System.Net;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The harness's cold row: a fresh harness process (<c>bench-probes</c>, started by <see cref="BenchCold"/>) reads the
/// floor's paced streams with its own probes for the first window of its load, warms up, then reads the same window
/// again; it prints both samples for the bench to judge. The bench's own process cannot measure this: it is warm by then.
/// </summary>
internal static class FreshHarness
{
    public const string Command = "bench-probes";
    private const int WarmupWindows = 3;

    // Tier-1 code is compiled in the background after a call-count delay; give it time to land before measuring.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The child's side: its start-up (up to the first window), then both windows, one line each on <paramref name="output"/>.
    /// </summary>
    public static async Task<int> RunAsync(IPEndPoint floor, int streams, TimeSpan window, TextWriter output, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var probe = new NdjsonProbe(new ProbeRequestOptions(new Uri($"http://{floor}"), Prompt: BenchText.PhasedModel));
        using var watchdog = new TimeoutWatchdog(RequestTimeouts.Default);
        var executor = new RequestExecutor(http, probe, watchdog);
        var startup = StartupNow();
        var cold = await WindowAsync(executor, streams, window, ct);
        for (var i = 0; i < WarmupWindows; i++)
        {
            await WindowAsync(executor, streams, window, ct);
        }

        await Task.Delay(Settle, ct);
        var warm = await WindowAsync(executor, streams, window, ct);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"startup\t{startup.Wall.TotalMicroseconds:0}\t{startup.Cpu.TotalMicroseconds:0}"));
        await output.WriteLineAsync(Format("cold", cold));
        await output.WriteLineAsync(Format("warm", warm));
        return 0;
    }

    /// <summary>The bench's side: parses the child's lines (a startup line, then the two windows).</summary>
    public static (BenchSample Cold, BenchSample Warm, HarnessStartup Startup) Parse(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .ToLookup(fields => (fields[0], fields.Length));
        if (lines[("cold", 4)].FirstOrDefault() is not { } cold || lines[("warm", 4)].FirstOrDefault() is not { } warm)
        {
            throw new InvalidOperationException($"{Command} printed no cold and warm samples: {output}");
        }

        return lines[("startup", 3)].FirstOrDefault() is { } startup
            ? (Sample(cold), Sample(warm), new HarnessStartup(Micros(startup[1]), Micros(startup[2])))
            : throw new InvalidOperationException($"{Command} printed no startup line: {output}");
    }

    /// <summary>
    /// <paramref name="streams"/> probes at once for <paramref name="window"/>: the tokens they read and this process's CPU
    /// until the window closes, read before the streams are cancelled (cancelling is not reading).
    /// </summary>
    private static async Task<BenchSample> WindowAsync(RequestExecutor executor, int streams, TimeSpan window, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timelines = Enumerable.Range(0, streams).Select(_ => new RequestTimeline()).ToArray();
        var cpu = ProcessCpu.Read(Environment.ProcessId);
        var stopwatch = Stopwatch.StartNew();
        var running = timelines.Select(timeline => executor.ExecuteAsync(BenchText.PhasedModel, timeline, stop.Token)).ToArray();
        await Task.Delay(window, ct);
        var sample = new BenchSample(
            timelines.Sum(timeline => timeline.ContentChunks), stopwatch.Elapsed, ProcessCpu.Read(Environment.ProcessId) - cpu,
            TimeSpan.Zero);
        await stop.CancelAsync();
        await Task.WhenAll(running);
        return sample;
    }

    private static BenchSample Sample(string[] fields) => new(
        long.Parse(fields[1], CultureInfo.InvariantCulture), Micros(fields[2]), Micros(fields[3]), TimeSpan.Zero);

    private static TimeSpan Micros(string field) => TimeSpan.FromMicroseconds(double.Parse(field, CultureInfo.InvariantCulture));

    /// <summary>What this process took from its start (the runtime's too) to its first window: wall time and CPU.</summary>
    private static HarnessStartup StartupNow()
    {
        using var self = Process.GetCurrentProcess();
        return new HarnessStartup(DateTime.Now - self.StartTime, ProcessCpu.Read(Environment.ProcessId));
    }

    private static string Format(string name, BenchSample sample) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name}\t{sample.Tokens}\t{sample.Elapsed.TotalMicroseconds:0}\t{sample.Cpu.TotalMicroseconds:0}");
}
