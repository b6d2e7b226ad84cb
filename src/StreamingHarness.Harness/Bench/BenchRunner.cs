using System.Globalization;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The side-by-side run: every server warmed, then the unpaced scenario (long streams, few at once, back to back)
/// and the paced one (many streams, one line each interval) with the neutral client, then the harness's probes
/// against the paced floor. One server is measured at a time, each judged one A B B A with its anchor; the rows carry
/// each issue target beside its ratio.
/// The relay is judged against its anchors, each measured alone in the same run: its pass-through against YARP tuned
/// as our apps are, its SSE mode against the raw-socket relay floor.
/// </summary>
internal static class BenchRunner
{
    private const string YarpTuned = "YARP tuned";
    private const string RelayFloor = "relay floor";
    private const string AbbaNote = "A B B A with the floor, each pooled over its two runs";

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(
        BenchSettings settings, BenchServers servers, Action<string> progress, CancellationToken ct)
    {
        BenchServer?[] all = settings.FakesOnly
            ? [servers.Floor, servers.Fake, servers.CompareFake, servers.FakeBuffered, servers.Aimock]
            :
            [
                servers.Floor, servers.Fake, servers.CompareFake, servers.FakeBuffered, servers.RelayFloor, servers.YarpTuned,
                servers.YarpDefaults, servers.Relay, servers.RelaySse, servers.RelayBaseline, servers.RelayBaselineSse,
                servers.Aimock,
            ];
        foreach (var server in all.OfType<BenchServer>())
        {
            progress($"warming {server.Name}");
            await BenchMeter.WarmAsync(server, ct).ConfigureAwait(false);
        }

        var rows = new List<BenchRow>();
        await UnpacedAsync(settings, servers, rows, progress, ct).ConfigureAwait(false);
        await PacedAsync(settings, servers, rows, progress, ct).ConfigureAwait(false);
        return rows;
    }

    private static async Task UnpacedAsync(
        BenchSettings settings, BenchServers servers, List<BenchRow> rows, Action<string> progress, CancellationToken ct)
    {
        var scenario = string.Create(
            CultureInfo.InvariantCulture, $"unpaced, {settings.Tokens}-token streams x{settings.UnpacedStreams}");
        var (floor, fake, compared) = settings.RelayOnly
            ? (await MeasureAsync(servers.Floor).ConfigureAwait(false), null, null)
            : await FloorAndFakesAsync(servers, () => MeasureAsync(servers.Floor), MeasureAsync).ConfigureAwait(false);
        var table = new BenchTable(rows, scenario, settings.UnpacedStreams, floor);
        table.Add("floor (one send() per line)", floor, note: settings.RelayOnly ? "" : AbbaNote);
        if (fake is not null)
        {
            BenchSample? aimock = null;
            if (servers.Aimock is { } peer)
            {
                aimock = await MeasureAsync(peer).ConfigureAwait(false);
                table.Add("aimock 1.43 (node)", aimock);
            }

            var belowAimock = aimock is null ? "" : fake.CpuMicrosPerToken < aimock.CpuMicrosPerToken ? "below aimock" : "NOT below aimock";
            table.Add("fake (default)", fake, target: 1.5, note: $"{belowAimock}; {AbbaNote}");
            AddCompared(table, servers, fake, compared);
            table.Add("fake --buffered-writes", await MeasureAsync(servers.FakeBuffered!).ConfigureAwait(false));
        }

        if (!settings.FakesOnly)
        {
            await AddRelaysAsync(table, servers, MeasureAsync, passThroughTarget: null, sseTarget: null).ConfigureAwait(false);
        }

        Task<BenchSample> MeasureAsync(BenchServer server)
        {
            progress($"measuring {server.Name}, unpaced");
            return BenchMeter.MeasureAsync(server, BenchText.UnpacedModel, settings.UnpacedStreams, settings.UnpacedRounds, ct);
        }
    }

    private static async Task PacedAsync(
        BenchSettings settings, BenchServers servers, List<BenchRow> rows, Action<string> progress, CancellationToken ct)
    {
        var scenario = string.Create(
            CultureInfo.InvariantCulture, $"paced {settings.IntervalMs} ms, {settings.Tokens}-token streams x{settings.PacedStreams}");

        // The floor of the schedule every server here serves (each stream from its own start) is the yardstick; the
        // aligned floor, every stream on one clock, shows what the phases alone cost.
        var alignedFloor = await MeasureAsync(servers.Floor).ConfigureAwait(false);
        var (floor, fake, compared) = settings.RelayOnly
            ? (await MeasurePhasedFloorAsync().ConfigureAwait(false), null, null)
            : await FloorAndFakesAsync(servers, MeasurePhasedFloorAsync, MeasureAsync).ConfigureAwait(false);
        var table = new BenchTable(rows, scenario, settings.PacedStreams, floor);
        table.Add("floor, streams aligned (one wake per interval)", alignedFloor,
            note: "every stream on one clock: the cheapest schedule");
        table.Add("floor (one pacing thread, 1 ms tick)", floor,
            note: "each stream from its own start, as the servers pace: the yardstick" + (settings.RelayOnly ? "" : "; " + AbbaNote));
        if (fake is not null)
        {
            table.Add("fake (default)", fake, target: 1.5, note: AbbaNote);
            AddCompared(table, servers, fake, compared);
            table.Add("fake --buffered-writes", await MeasureAsync(servers.FakeBuffered!).ConfigureAwait(false));
            if (servers.Aimock is { } peer)
            {
                table.Add("aimock 1.43 (node)", await MeasureAsync(peer).ConfigureAwait(false));
            }
        }

        if (!settings.FakesOnly)
        {
            await AddRelaysAsync(table, servers, MeasureAsync, passThroughTarget: 1.0, sseTarget: 1.25).ConfigureAwait(false);
        }

        if (settings.RelayOnly)
        {
            return;
        }

        progress("measuring the harness's probes against the paced floor");
        var probes = await BenchMeter.MeasureProbesAsync(servers.Floor, BenchText.PhasedModel, settings.PacedStreams, progress, ct)
            .ConfigureAwait(false);
        table.Add("harness probes (client side, vs the floor)", probes, target: 1.5, note: "the harness process's own CPU");

        Task<BenchSample> MeasureAsync(BenchServer server)
        {
            progress($"measuring {server.Name}, paced");
            return BenchMeter.MeasureAsync(server, BenchText.PacedModel, settings.PacedStreams, 1, ct);
        }

        Task<BenchSample> MeasurePhasedFloorAsync()
        {
            progress("measuring floor, phased");
            return BenchMeter.MeasureAsync(servers.Floor, BenchText.PhasedModel, settings.PacedStreams, 1, ct);
        }
    }

    private static void AddCompared(BenchTable table, BenchServers servers, BenchSample fake, BenchSample? compared)
    {
        if (servers.CompareFake is { } compare && compared is not null)
        {
            table.Add(compare.Name, compared, ("fake (default)", fake), note: "A B B A with the fake, each pooled over its two runs");
        }
    }

    /// <summary>
    /// The relay in both modes, each A B B A with its anchor (a baseline build, if any, twice in the middle), every one
    /// of them in front of the same fake; YARP with its defaults once, beside them.
    /// </summary>
    private static async Task AddRelaysAsync(
        BenchTable table, BenchServers servers, Func<BenchServer, Task<BenchSample>> measure, double? passThroughTarget, double? sseTarget)
    {
        var (relayFloor, sse, baselineSse) = await AbbaAsync(servers.RelayFloor, servers.RelaySse, servers.RelayBaselineSse, measure)
            .ConfigureAwait(false);
        table.Add("relay floor (raw sockets: one recv() + one send() per token, ndjson in, SSE out)", relayFloor,
            note: UpstreamNote(relayFloor));
        var (yarp, passThrough, baseline) = await AbbaAsync(servers.YarpTuned, servers.Relay, servers.RelayBaseline, measure)
            .ConfigureAwait(false);
        table.Add("YARP 2.3.0 pass-through, tuned as our apps (inline completions, spin limit 0)", yarp, note: UpstreamNote(yarp));
        if (servers.YarpDefaults is { } defaults)
        {
            var yarpDefaults = await measure(defaults).ConfigureAwait(false);
            table.Add("YARP 2.3.0 pass-through, its defaults", yarpDefaults, (YarpTuned, yarp), note: UpstreamNote(yarpDefaults));
        }

        table.Add("relay /api/chat (pass-through)", passThrough, (YarpTuned, yarp), passThroughTarget, UpstreamNote(passThrough));
        if (baseline is not null)
        {
            table.Add("relay (baseline) /api/chat", baseline, (YarpTuned, yarp), note: UpstreamNote(baseline));
        }

        table.Add("relay /stream/chat (SSE)", sse, (RelayFloor, relayFloor), sseTarget, UpstreamNote(sse));
        if (baselineSse is not null)
        {
            table.Add("relay (baseline) /stream/chat", baselineSse, (RelayFloor, relayFloor), note: UpstreamNote(baselineSse));
        }
    }

    /// <summary>
    /// The floor and the fake A B B A; with <c>--compare-fake</c> the other build twice in the middle (floor, fake, other,
    /// other, fake, floor).
    /// </summary>
    private static Task<(BenchSample Floor, BenchSample Fake, BenchSample? Compared)> FloorAndFakesAsync(
        BenchServers servers, Func<Task<BenchSample>> measureFloor, Func<BenchServer, Task<BenchSample>> measure) =>
        AbbaAsync(measureFloor, () => measure(servers.Fake), servers.CompareFake is { } compare ? () => measure(compare) : null);

    private static Task<(BenchSample Anchor, BenchSample Judged, BenchSample? Baseline)> AbbaAsync(
        BenchServer anchor, BenchServer judged, BenchServer? baseline, Func<BenchServer, Task<BenchSample>> measure) =>
        AbbaAsync(() => measure(anchor), () => measure(judged), baseline is null ? null : () => measure(baseline));

    /// <summary>
    /// An anchor and the server judged against it A B B A, each pooled over its two runs (a baseline build twice in the
    /// middle): a drift of the shared machine's load over the runs then weighs on both alike, where measuring one after
    /// the other favoured whichever went first (between two quiet runs the relay read 14.3 and 23.5 µs a token, YARP
    /// 14.9 and 17.5).
    /// </summary>
    private static async Task<(BenchSample Anchor, BenchSample Judged, BenchSample? Baseline)> AbbaAsync(
        Func<Task<BenchSample>> anchor, Func<Task<BenchSample>> judged, Func<Task<BenchSample>>? baseline)
    {
        var first = await anchor().ConfigureAwait(false);
        var measured = await judged().ConfigureAwait(false);
        BenchSample? middle = null;
        if (baseline is not null)
        {
            middle = await baseline().ConfigureAwait(false) + await baseline().ConfigureAwait(false);
        }

        measured += await judged().ConfigureAwait(false);
        return (first + await anchor().ConfigureAwait(false), measured, middle);
    }

    private static string UpstreamNote(BenchSample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"its upstream fake: {sample.UpstreamMicrosPerToken:0.0} µs/token");
}
