using System.Diagnostics;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// Drives one server with the neutral client (or the harness's own probes) and reads the CPU its process spent,
/// from outside, before and after. Each server is warmed first, so JIT and tiering are not in its figure.
/// </summary>
internal static class BenchMeter
{
    private const int WarmupStreams = 16;
    private const int WarmupRounds = 2;
    private const int WarmupPacedLines = 25;

    // Tier-1 code is compiled in the background after a call-count delay; give it time to land before measuring.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstAnswerDeadline = TimeSpan.FromSeconds(60);

    public static async Task WarmAsync(BenchServer server, CancellationToken ct)
    {
        var client = new NeutralClient(server.Endpoint);
        var unpaced = NeutralClient.ChatRequest(server.Endpoint, BenchText.UnpacedModel, server.Wire.Path);
        var paced = NeutralClient.ChatRequest(server.Endpoint, BenchText.PacedModel, server.Wire.Path);
        await Task.WhenAll(Enumerable.Range(0, WarmupStreams).Select(async _ =>
        {
            for (var round = 0; round < WarmupRounds; round++)
            {
                await client.RunAsync(unpaced, long.MaxValue, ct).ConfigureAwait(false);
            }

            await client.RunAsync(paced, WarmupPacedLines, ct).ConfigureAwait(false);
        })).ConfigureAwait(false);
        await Task.Delay(Settle, ct).ConfigureAwait(false);
    }

    /// <summary><paramref name="streams"/> streams at once, each run <paramref name="rounds"/> times back to back.</summary>
    public static async Task<BenchSample> MeasureAsync(BenchServer server, string model, int streams, int rounds, CancellationToken ct)
    {
        var client = new NeutralClient(server.Endpoint);
        var request = NeutralClient.ChatRequest(server.Endpoint, model, server.Wire.Path);
        var cpu = ProcessCpu.Read(server.Process.ProcessId);
        var upstreamCpu = server.Upstream is { } upstream ? ProcessCpu.Read(upstream.ProcessId) : TimeSpan.Zero;
        var stopwatch = Stopwatch.StartNew();
        var lines = await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
        {
            long seen = 0;
            for (var round = 0; round < rounds; round++)
            {
                seen += await client.RunAsync(request, long.MaxValue, ct).ConfigureAwait(false);
            }

            return seen;
        })).ConfigureAwait(false);
        var elapsed = stopwatch.Elapsed;
        cpu = ProcessCpu.Read(server.Process.ProcessId) - cpu;
        upstreamCpu = server.Upstream is { } again ? ProcessCpu.Read(again.ProcessId) - upstreamCpu : TimeSpan.Zero;

        return new BenchSample(server.Wire.Tokens(lines.Sum(), (long)streams * rounds), elapsed, cpu, upstreamCpu);
    }

    /// <summary>
    /// The first <paramref name="linesPerStream"/> lines of <paramref name="streams"/> ndjson streams at once (a window
    /// of the run, for a cold start): every line is a token, as the done line is never reached.
    /// </summary>
    public static async Task<BenchSample> MeasureWindowAsync(
        BenchServer server, string model, int streams, long linesPerStream, CancellationToken ct)
    {
        var client = new NeutralClient(server.Endpoint);
        var request = NeutralClient.ChatRequest(server.Endpoint, model, server.Wire.Path);
        var cpu = ProcessCpu.Read(server.Process.ProcessId);
        var stopwatch = Stopwatch.StartNew();
        var lines = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => client.RunAsync(request, linesPerStream, ct)))
            .ConfigureAwait(false);
        return new BenchSample(lines.Sum(), stopwatch.Elapsed, ProcessCpu.Read(server.Process.ProcessId) - cpu, TimeSpan.Zero);
    }

    /// <summary>
    /// From <paramref name="launched"/> (just before the process started) to the first line of its first answer: the
    /// request is sent again every millisecond while nothing listens yet.
    /// </summary>
    public static async Task<TimeSpan> FirstAnswerAsync(BenchServer server, long launched, CancellationToken ct)
    {
        var client = new NeutralClient(server.Endpoint);
        var request = NeutralClient.ChatRequest(server.Endpoint, BenchText.UnpacedModel, server.Wire.Path);
        while (true)
        {
            try
            {
                await client.RunAsync(request, 1, ct).ConfigureAwait(false);
                return Stopwatch.GetElapsedTime(launched);
            }
            catch (System.Net.Sockets.SocketException) when (Stopwatch.GetElapsedTime(launched) < FirstAnswerDeadline)
            {
                await Task.Delay(1, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The harness's own cost: its <see cref="NdjsonProbe"/>, <see cref="RequestExecutor"/> and timeout watchdog reading
    /// <paramref name="streams"/> streams from <paramref name="server"/>, with this process's CPU as the figure.
    /// </summary>
    public static async Task<BenchSample> MeasureProbesAsync(
        BenchServer server, string model, int streams, Action<string> progress, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var baseAddress = new Uri($"http://{server.Endpoint}");
        var probe = new NdjsonProbe(new ProbeRequestOptions(baseAddress, Prompt: model));
        using var watchdog = new TimeoutWatchdog(RequestTimeouts.Default);
        var executor = new RequestExecutor(http, probe, watchdog);
        await executor.ExecuteAsync(BenchText.UnpacedModel, new RequestTimeline(), ct).ConfigureAwait(false);
        await Task.Delay(Settle, ct).ConfigureAwait(false);

        // The warm-up above is a whole stream: scripts/profile-bench.sh starts sampling the probes from this line.
        progress("  warmed: the probes' streams start");
        var cpu = ProcessCpu.Read(Environment.ProcessId);
        var stopwatch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
        {
            var timeline = new RequestTimeline();
            var outcome = await executor.ExecuteAsync(model, timeline, ct).ConfigureAwait(false);
            return outcome.IsOk
                ? timeline.ContentChunks
                : throw new InvalidOperationException($"a probe's stream failed: {outcome}");
        })).ConfigureAwait(false);
        return new BenchSample(results.Sum(), stopwatch.Elapsed, ProcessCpu.Read(Environment.ProcessId) - cpu, TimeSpan.Zero);
    }
}
