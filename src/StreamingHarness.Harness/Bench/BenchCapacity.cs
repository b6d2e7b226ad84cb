using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The instrument's capacity (issue 23): the most tokens a second the fake and the harness carry on this machine with
/// the ITL error p99 within 5 ms, streams paced <see cref="BenchSettings.IntervalMs"/> apart, found by
/// <see cref="CapacitySweep"/>. Beside it the same sweep of the floor pair: the raw-socket floor server, each stream
/// paced from its own start, read by <see cref="RawTokenClient"/>. The fake + harness capacity as a share of the floor
/// pair's is the figure (target ≥ 0.8). The harness side is its own <see cref="NdjsonProbe"/>, <see cref="RequestExecutor"/>
/// and watchdog, on the load run's HttpClient, in this process; both clients record into the same <see cref="GapRecorder"/>.
/// Two more sweeps cross the pairs, each half of the instrument with the floor pair's other half: the fake read by the raw
/// client bounds what any client could reach on the fake, the floor read by the harness what the harness reaches on
/// the cheapest server. They are not judged against the target; they say which half holds the instrument back. Like any
/// sweep that found no figure, an inconclusive half still fails the run (<see cref="Passes"/>).
/// </summary>
internal static class BenchCapacity
{
    public const double Target = 0.8;
    private const string FloorPair = "floor pair: raw-socket floor server (phased) + raw-socket client";
    private const string Instrument = "fake + harness (NdjsonProbe, RequestExecutor, watchdog)";
    private const string ServerHalf = "server half: fake + raw-socket client";
    private const string ClientHalf = "client half: raw-socket floor server (phased) + harness";

    public static async Task<IReadOnlyList<CapacityRow>> RunAsync(
        BenchSettings settings, BenchServers servers, Action<string> progress, CancellationToken ct)
    {
        var limits = CapacitySweepLimits.Default;
        var window = CapacityWindow.Default;
        using var http = SuiteRunner.CreateClient(RequestTimeouts.Default);
        using var watchdog = new TimeoutWatchdog(RequestTimeouts.Default);
        var floorPid = servers.Floor.Process.ProcessId;
        var fakePid = servers.Fake.Process.ProcessId;
        var rawOnFloor = RawClient(servers.Floor.Endpoint, BenchText.PhasedModel);
        var rawOnFake = RawClient(servers.Fake.Endpoint, BenchText.PacedModel);
        var harnessOnFake = Executor(servers.Fake.Endpoint, BenchText.PacedModel);
        var harnessOnFloor = Executor(servers.Floor.Endpoint, BenchText.PhasedModel);
        progress("warming the harness's probe path");
        await harnessOnFake.ExecuteAsync(BenchText.UnpacedModel, new RequestTimeline(), ct).ConfigureAwait(false);

        // The sweeps take turns, one step each (SemaphoreSlim hands a release to the waiter queued first), so a change in
        // the shared machine's load lands on every pair alike instead of on whichever ran in that minute. The order
        // alternates the servers (floor, fake, floor, fake), so neither serves two windows in a row.
        using var turn = new SemaphoreSlim(1, 1);
        var floor = SweepAsync(FloorPair, floorPid, rawOnFloor);
        var instrument = SweepAsync(Instrument, fakePid, Probed(harnessOnFake, BenchText.PacedModel));
        var clientHalf = SweepAsync(ClientHalf, floorPid, Probed(harnessOnFloor, BenchText.PhasedModel));
        var serverHalf = SweepAsync(ServerHalf, fakePid, rawOnFake);
        await Task.WhenAll(floor, instrument, clientHalf, serverHalf).ConfigureAwait(false);
        return Rows(
            new CapacitySweeps(await floor, await instrument, await serverHalf, await clientHalf), settings.IntervalMs, limits,
            LoadAverage.Read());

        RequestExecutor Executor(IPEndPoint endpoint, string model) => new(
            http, new NdjsonProbe(new ProbeRequestOptions(new Uri($"http://{endpoint}"), Prompt: model)), watchdog);

        async Task<(CapacityResult Result, double Seconds)> SweepAsync(
            string pair, int serverPid, Func<GapRecorder, CancellationToken, Task<bool>> stream)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await new CapacitySweep(limits).RunAsync(
                async (streams, token) =>
                {
                    await turn.WaitAsync(token).ConfigureAwait(false);
                    CapacityReading reading;
                    try
                    {
                        progress(string.Create(CultureInfo.InvariantCulture, $"capacity of the {pair}: {streams} streams"));
                        reading = await window.MeasureAsync(streams, settings.IntervalMs, serverPid, stream, token).ConfigureAwait(false);

                        // Before the next sweep's turn, so its line cannot land between a step and its reading.
                        progress(string.Create(CultureInfo.InvariantCulture,
                            $"  {reading.TokensPerSecond:0} tokens/s, ITL error p50 {reading.P50ErrorMs:0.0} ms "
                            + $"p99 {reading.P99ErrorMs:0.0} ms, "
                            + $"{reading.FailedStreams} failed; CPU µs/token: server {reading.ServerCpuMicrosPerToken:0.0}, "
                            + $"client {reading.ClientCpuMicrosPerToken:0.0}; client {reading.Client}; load {LoadAverage.Read()}"));
                    }
                    finally
                    {
                        turn.Release();
                    }

                    return reading;
                },
                ct).ConfigureAwait(false);
            return (result, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>
    /// The rows of the four sweeps (the floor pair, the instrument, the server half, the client half): each rate as a
    /// share of the floor pair's, and only the instrument judged against the target.
    /// </summary>
    internal static IReadOnlyList<CapacityRow> Rows(CapacitySweeps sweeps, int intervalMs, CapacitySweepLimits limits, string loadAverage)
    {
        var floorRate = sweeps.FloorPair.Result.Capacity?.TokensPerSecond;
        return
        [
            Row(FloorPair, sweeps.FloorPair, null, null),
            Row(Instrument, sweeps.Instrument, floorRate, Target),
            Row(ServerHalf, sweeps.ServerHalf, floorRate, null),
            Row(ClientHalf, sweeps.ClientHalf, floorRate, null),
        ];

        CapacityRow Row(string pair, (CapacityResult Result, double Seconds) sweep, double? anchorRate, double? target)
        {
            var (result, seconds) = sweep;
            var rate = result.Capacity?.TokensPerSecond ?? 0;
            double? ratio = anchorRate is > 0 ? rate / anchorRate : null;
            return new CapacityRow(
                pair, intervalMs, limits.P99LimitMs, result.Capacity?.Streams, result.Capacity?.TokensPerSecond,
                result.Capacity?.P99ErrorMs, ratio, target, ratio is { } r && target is { } t ? r >= t : null,
                result.Stop, result.LowestBroken, result.Steps, loadAverage, seconds);
        }
    }

    /// <summary>
    /// Whether the capacity rows pass: none missed its target, and every sweep found a figure. A sweep in which no step
    /// held proves nothing, so it fails the run rather than pass it unmeasured.
    /// </summary>
    internal static bool Passes(IReadOnlyList<CapacityRow> rows) => rows.All(r => r.Met is not false && !r.Inconclusive);

    private static Func<GapRecorder, CancellationToken, Task<bool>> RawClient(IPEndPoint endpoint, string model)
    {
        var client = new RawTokenClient(endpoint);
        var request = NeutralClient.ChatRequest(endpoint, model);
        return (gaps, stop) => client.RunAsync(request, gaps, stop);
    }

    private static Func<GapRecorder, CancellationToken, Task<bool>> Probed(RequestExecutor executor, string model) =>
        async (gaps, stop) => (await executor.ExecuteAsync(model, new RequestTimeline(gaps), stop).ConfigureAwait(false)).IsOk;

    public static string ToMarkdown(IReadOnlyList<CapacityRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| capacity: paced streams with ITL error p99 within the limit | streams | tokens/s | ITL error p99 (ms) "
            + "| server / client CPU µs/token | × floor pair | target | met | stopped | lowest that broke | steps (streams: p99 ms) "
            + "| sweep (s) | load avg (1/5/15 min) |");
        md.AppendLine("|---|---:|---:|---:|---|---:|---|---|---|---:|---|---:|---|");
        foreach (var r in rows)
        {
            var steps = string.Join(", ", r.Steps.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.Streams}: {s.P99ErrorMs:0.0}{(s.FailedStreams > 0 ? $" ({s.FailedStreams} failed)" : "")} [{s.Client}]")));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Pair}, paced {r.IntervalMs} ms, p99 ≤ {r.P99LimitMs:0} ms "
                + $"| {r.Streams?.ToString(CultureInfo.InvariantCulture) ?? "none"} "
                + $"| {r.TokensPerSecond:0} | {r.P99ErrorMs:0.0} | {Cpu(r)} | {r.RatioToFloorPair:0.00} "
                + $"| {(r.TargetRatio is { } t ? string.Create(CultureInfo.InvariantCulture, $"≥ {t:0.00}×") : "")} "
                + $"| {(r.Inconclusive ? "inconclusive" : r.Met switch { true => "yes", false => "no", null => "" })} "
                + $"| {r.Stop} | {r.LowestBroken} | {steps} "
                + $"| {r.Seconds:0} | {r.LoadAverage} |");
        }

        return md.ToString();
    }

    private static string Cpu(CapacityRow row) =>
        row.Steps.Where(s => s.Streams == row.Streams).Select(s => string.Create(
            CultureInfo.InvariantCulture, $"{s.ServerCpuMicrosPerToken:0.0} / {s.ClientCpuMicrosPerToken:0.0}")).LastOrDefault() ?? "";
}
