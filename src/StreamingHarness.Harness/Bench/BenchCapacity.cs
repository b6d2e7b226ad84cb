using System.Diagnostics;
using System.Globalization;
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
/// Last, at the stream count where the fake + harness broke, each half is read against the other pair's (twice each),
/// to say which half the error comes from.
/// </summary>
internal static class BenchCapacity
{
    public const double Target = 0.8;
    private const string FloorPair = "floor pair: raw-socket floor server (phased) + raw-socket client";
    private const string Instrument = "fake + harness (NdjsonProbe, RequestExecutor, watchdog)";

    public static async Task<IReadOnlyList<CapacityRow>> RunAsync(
        BenchSettings settings, BenchServers servers, Action<string> progress, CancellationToken ct)
    {
        var limits = CapacitySweepLimits.Default;
        var window = CapacityWindow.Default;
        var floorClient = new RawTokenClient(servers.Floor.Endpoint);
        var floorRequest = NeutralClient.ChatRequest(servers.Floor.Endpoint, BenchText.PhasedModel);
        using var http = SuiteRunner.CreateClient(RequestTimeouts.Default);
        var probe = new NdjsonProbe(new ProbeRequestOptions(new Uri($"http://{servers.Fake.Endpoint}"), Prompt: BenchText.PacedModel));
        using var watchdog = new TimeoutWatchdog(RequestTimeouts.Default);
        var executor = new RequestExecutor(http, probe, watchdog);
        progress("warming the harness's probe path");
        await executor.ExecuteAsync(BenchText.UnpacedModel, new RequestTimeline(), ct).ConfigureAwait(false);

        // The two sweeps take turns, one step each (SemaphoreSlim hands a release to the waiter queued first), so a
        // change in the shared machine's load lands on both pairs alike instead of on whichever ran in that minute.
        using var turn = new SemaphoreSlim(1, 1);
        var floorPid = servers.Floor.Process.ProcessId;
        var fakePid = servers.Fake.Process.ProcessId;
        var floorSweep = SweepAsync(FloorPair, (streams, token) => window.MeasureAsync(
            streams, settings.IntervalMs, floorPid, (gaps, stop) => floorClient.RunAsync(floorRequest, gaps, stop), token));
        var instrumentSweep = SweepAsync(Instrument, (streams, token) => window.MeasureAsync(
            streams, settings.IntervalMs, fakePid, async (gaps, stop) =>
                (await executor.ExecuteAsync(BenchText.PacedModel, new RequestTimeline(gaps), stop).ConfigureAwait(false)).IsOk,
            token));
        var floor = await floorSweep.ConfigureAwait(false);
        var instrument = await instrumentSweep.ConfigureAwait(false);

        var floorRow = Row(FloorPair, floor.Result, floor.Seconds, null);
        List<CapacityCrossReading> crossed = [];
        if (instrument.Result.LowestBroken is { } broke)
        {
            var floorOptions = new ProbeRequestOptions(new Uri($"http://{servers.Floor.Endpoint}"), Prompt: BenchText.PhasedModel);
            var harnessOnFloor = new RequestExecutor(http, new NdjsonProbe(floorOptions), watchdog);
            var fakeClient = new RawTokenClient(servers.Fake.Endpoint);
            var fakeRequest = NeutralClient.ChatRequest(servers.Fake.Endpoint, BenchText.PacedModel);
            for (var round = 0; round < 2; round++)
            {
                progress(string.Create(
                    CultureInfo.InvariantCulture, $"crossing the pairs at {broke} streams: the floor read by the harness"));
                crossed.Add(new("floor (phased)", "harness", await window.MeasureAsync(
                    broke, settings.IntervalMs, floorPid, async (gaps, stop) =>
                        (await harnessOnFloor.ExecuteAsync(BenchText.PhasedModel, new RequestTimeline(gaps), stop)
                            .ConfigureAwait(false)).IsOk,
                    ct).ConfigureAwait(false)));
                progress(string.Create(
                    CultureInfo.InvariantCulture, $"crossing the pairs at {broke} streams: the fake read by the raw client"));
                crossed.Add(new("fake", "raw client", await window.MeasureAsync(
                    broke, settings.IntervalMs, fakePid, (gaps, stop) => fakeClient.RunAsync(fakeRequest, gaps, stop), ct)
                    .ConfigureAwait(false)));
            }
        }

        return [floorRow, Row(Instrument, instrument.Result, instrument.Seconds, floorRow.TokensPerSecond) with { Crossed = crossed }];

        async Task<(CapacityResult Result, double Seconds)> SweepAsync(
            string pair, Func<int, CancellationToken, Task<CapacityReading>> measure)
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
                        reading = await measure(streams, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        turn.Release();
                    }

                    progress(string.Create(CultureInfo.InvariantCulture,
                        $"  {reading.TokensPerSecond:0} tokens/s, ITL error p50 {reading.P50ErrorMs:0.0} ms "
                        + $"p99 {reading.P99ErrorMs:0.0} ms, "
                        + $"{reading.FailedStreams} failed; CPU µs/token: server {reading.ServerCpuMicrosPerToken:0.0}, "
                        + $"client {reading.ClientCpuMicrosPerToken:0.0}; client {reading.Client}; load {LoadAverage.Read()}"));
                    return reading;
                },
                ct).ConfigureAwait(false);
            return (result, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        CapacityRow Row(string pair, CapacityResult result, double seconds, double? floorRate)
        {
            var rate = result.Capacity?.TokensPerSecond ?? 0;
            double? ratio = floorRate is > 0 ? rate / floorRate : null;
            return new CapacityRow(
                pair, settings.IntervalMs, limits.P99LimitMs, result.Capacity?.Streams, result.Capacity?.TokensPerSecond,
                result.Capacity?.P99ErrorMs, ratio, floorRate is null ? null : Target, ratio is { } r ? r >= Target : null,
                result.Stop, result.LowestBroken, result.Steps, LoadAverage.Read(), seconds);
        }
    }

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

        var crossed = rows.SelectMany(r => r.Crossed).ToList();
        if (crossed.Count > 0)
        {
            md.AppendLine().AppendLine("| crossed at the instrument's lowest breaking count: server | client | streams | tokens/s "
                + "| ITL error p50 (ms) | p99 (ms) | server / client CPU µs/token |").AppendLine("|---|---|---:|---:|---:|---:|---|");
            foreach (var c in crossed)
            {
                var r = c.Reading;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {c.Server} | {c.Client} | {r.Streams} | {r.TokensPerSecond:0} | {r.P50ErrorMs:0.0} | {r.P99ErrorMs:0.0} "
                    + $"| {r.ServerCpuMicrosPerToken:0.0} / {r.ClientCpuMicrosPerToken:0.0} |");
            }
        }

        return md.ToString();
    }

    private static string Cpu(CapacityRow row) =>
        row.Steps.Where(s => s.Streams == row.Streams).Select(s => string.Create(
            CultureInfo.InvariantCulture, $"{s.ServerCpuMicrosPerToken:0.0} / {s.ClientCpuMicrosPerToken:0.0}")).LastOrDefault() ?? "";
}
