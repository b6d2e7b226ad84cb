using System.Globalization;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The side-by-side run: every server warmed, then the unpaced scenario (long streams, few at once, back to back)
/// and the paced one (many streams, one line each interval) with the neutral client, then the harness's probes
/// against the paced floor. One server is measured at a time; the rows carry each issue target beside its ratio.
/// </summary>
internal static class BenchRunner
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(
        BenchSettings settings, BenchServers servers, Action<string> progress, CancellationToken ct)
    {
        var all = new[] { servers.Floor, servers.Fake, servers.FakeBuffered, servers.Relay, servers.Aimock }.OfType<BenchServer>();
        foreach (var server in all)
        {
            progress($"warming {server.Name}");
            await BenchMeter.WarmAsync(server, ct).ConfigureAwait(false);
        }

        var rows = new List<BenchRow>();
        var unpaced = string.Create(
            CultureInfo.InvariantCulture, $"unpaced, {settings.Tokens}-token streams x{settings.UnpacedStreams}");
        var floor = await MeasureAsync(servers.Floor, BenchText.UnpacedModel).ConfigureAwait(false);
        rows.Add(Row(unpaced, "floor (one send() per line)", settings.UnpacedStreams, floor, floor, null, ""));
        BenchSample? aimock = null;
        if (servers.Aimock is { } peer)
        {
            aimock = await MeasureAsync(peer, BenchText.UnpacedModel).ConfigureAwait(false);
            rows.Add(Row(unpaced, "aimock 1.43 (node)", settings.UnpacedStreams, aimock, floor, null, ""));
        }

        var fake = await MeasureAsync(servers.Fake, BenchText.UnpacedModel).ConfigureAwait(false);
        var belowAimock = aimock is null ? "" : fake.CpuMicrosPerToken < aimock.CpuMicrosPerToken ? "below aimock" : "NOT below aimock";
        rows.Add(Row(unpaced, "fake (default)", settings.UnpacedStreams, fake, floor, 1.5, belowAimock));
        var buffered = await MeasureAsync(servers.FakeBuffered, BenchText.UnpacedModel).ConfigureAwait(false);
        rows.Add(Row(unpaced, "fake --buffered-writes", settings.UnpacedStreams, buffered, floor, null, ""));
        var relay = await MeasureAsync(servers.Relay, BenchText.UnpacedModel).ConfigureAwait(false);
        rows.Add(Row(unpaced, "relay over the fake", settings.UnpacedStreams, relay, floor, null, UpstreamNote(relay)));

        var paced = string.Create(
            CultureInfo.InvariantCulture, $"paced {settings.IntervalMs} ms, {settings.Tokens}-token streams x{settings.PacedStreams}");
        // The floor of the schedule every server here serves (each stream from its own start) is the yardstick; the
        // aligned floor, every stream on one clock, shows what the phases alone cost.
        var alignedFloor = await MeasurePacedAsync(servers.Floor).ConfigureAwait(false);
        progress("measuring floor, phased");
        var pacedFloor = await BenchMeter.MeasureAsync(servers.Floor, BenchText.PhasedModel, settings.PacedStreams, 1, ct)
            .ConfigureAwait(false);
        rows.Add(Row(paced, "floor, streams aligned (one wake per interval)", settings.PacedStreams, alignedFloor, pacedFloor, null,
            "every stream on one clock: the cheapest schedule"));
        rows.Add(Row(paced, "floor (one pacing thread, 1 ms tick)", settings.PacedStreams, pacedFloor, pacedFloor, null,
            "each stream from its own start, as the servers pace: the yardstick"));
        rows.Add(Row(paced, "fake (default)", settings.PacedStreams,
            await MeasurePacedAsync(servers.Fake).ConfigureAwait(false), pacedFloor, 1.5, ""));
        rows.Add(Row(paced, "fake --buffered-writes", settings.PacedStreams,
            await MeasurePacedAsync(servers.FakeBuffered).ConfigureAwait(false), pacedFloor, null, ""));
        if (servers.Aimock is { } pacedPeer)
        {
            rows.Add(Row(paced, "aimock 1.43 (node)", settings.PacedStreams,
                await MeasurePacedAsync(pacedPeer).ConfigureAwait(false), pacedFloor, null, ""));
        }

        var pacedRelay = await MeasurePacedAsync(servers.Relay).ConfigureAwait(false);
        rows.Add(Row(paced, "relay over the fake", settings.PacedStreams, pacedRelay, pacedFloor, 2, UpstreamNote(pacedRelay)));
        progress("measuring the harness's probes against the paced floor");
        var probes = await BenchMeter.MeasureProbesAsync(servers.Floor, BenchText.PhasedModel, settings.PacedStreams, ct)
            .ConfigureAwait(false);
        rows.Add(Row(paced, "harness probes (client side, vs the floor)", settings.PacedStreams, probes, pacedFloor, 1.5,
            "the harness process's own CPU"));
        return rows;

        Task<BenchSample> MeasureAsync(BenchServer server, string model)
        {
            progress($"measuring {server.Name}, unpaced");
            return BenchMeter.MeasureAsync(server, model, settings.UnpacedStreams, settings.UnpacedRounds, ct);
        }

        Task<BenchSample> MeasurePacedAsync(BenchServer server)
        {
            progress($"measuring {server.Name}, paced");
            return BenchMeter.MeasureAsync(server, BenchText.PacedModel, settings.PacedStreams, 1, ct);
        }
    }

    private static string UpstreamNote(BenchSample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"its upstream fake: {sample.UpstreamMicrosPerToken:0.0} µs/token");

    private static BenchRow Row(
        string scenario, string server, int streams, BenchSample sample, BenchSample floor, double? target, string note)
    {
        var ratio = sample.CpuMicrosPerToken / floor.CpuMicrosPerToken;
        return new BenchRow(
            scenario, server, streams, sample.Tokens, sample.Elapsed.TotalSeconds, sample.TokensPerSecond, sample.CpuMicrosPerToken,
            ratio, target, target is { } limit ? ratio <= limit : null, note);
    }
}
