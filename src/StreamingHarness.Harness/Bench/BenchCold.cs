using System.Diagnostics;
using System.Globalization;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// Fresh processes, after the warm rows: how long a fresh fake (and aimock) takes to answer its first request, and what
/// a fresh fake and a fresh relay (in front of the warm fake) pay per token in their first seconds of paced load, against
/// the same window once the same process is warm. A short CI load test is mostly that first window.
/// </summary>
internal static class BenchCold
{
    private const string Warm = "the same process, warmed";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FreshHarnessDeadline = TimeSpan.FromMinutes(2);

    public static async Task<IReadOnlyList<BenchStartup>> FirstAnswersAsync(
        BenchServers servers, Action<string> progress, CancellationToken ct)
    {
        var startups = new List<BenchStartup>();
        foreach (var (name, launch) in new (string, Func<string, BenchServer?>)[]
            { ("fake", servers.LaunchFake), ("aimock 1.43 (node)", servers.LaunchAimock) })
        {
            var launched = Stopwatch.GetTimestamp();
            if (launch("fresh " + name) is { } server)
            {
                progress($"timing the first answer of a fresh {name}");
                var elapsed = await BenchMeter.FirstAnswerAsync(server, launched, ct).ConfigureAwait(false);
                startups.Add(new BenchStartup(name, elapsed.TotalMilliseconds, LoadAverage.Read()));
            }
        }

        return startups;
    }

    /// <summary>
    /// A fresh harness process (<see cref="FreshHarness"/>): the published harness <c>LOADTEST_HARNESS</c> names (Native AOT
    /// from <c>scripts/side-by-side.sh</c>), else this one's build, run the way this one runs.
    /// </summary>
    private static async Task<(BenchSample Cold, BenchSample Warm, HarnessStartup Startup)> FreshHarnessAsync(
        BenchServer floor, int streams, CancellationToken ct)
    {
        var start = ServerProgram.Dll("fresh harness", BuildPaths.FreshHarnessDll).StartInfo(
        [
            FreshHarness.Command, "--upstream-port", Invariant(floor.Endpoint.Port),
            "--paced-streams", Invariant(streams), "--window-ms", Invariant((int)Window.TotalMilliseconds),
        ]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(FreshHarnessDeadline);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0
            ? FreshHarness.Parse(await output.ConfigureAwait(false))
            : throw new InvalidOperationException(
                $"{FreshHarness.Command} exited {process.ExitCode}: {await errors.ConfigureAwait(false)}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static async Task AddColdRowsAsync(
        BenchSettings settings, BenchServers servers, List<BenchRow> rows, Action<string> progress, CancellationToken ct)
    {
        using var http = new HttpClient();
        var lines = (long)Math.Ceiling(Window.TotalMilliseconds / settings.IntervalMs);
        var scenario = string.Create(CultureInfo.InvariantCulture,
            $"cold: the first {Window.TotalSeconds:0} s of a fresh process, paced {settings.IntervalMs} ms x{settings.PacedStreams}");
        var fake = await BenchServers.ReadyAsync(http, servers.LaunchFake("fresh fake"), "/", ct).ConfigureAwait(false);
        await AddAsync("fake (fresh process)", fake).ConfigureAwait(false);
        var relay = await BenchServers.ReadyAsync(http, servers.LaunchRelay("fresh relay", servers.Fake), "/__stats", ct)
            .ConfigureAwait(false);
        await AddAsync("relay /api/chat (fresh process, in front of the warm fake)", relay).ConfigureAwait(false);
        progress("measuring a fresh harness's probes on the floor, cold and warmed");
        var (coldProbes, warmProbes, startup) = await FreshHarnessAsync(servers.Floor, settings.PacedStreams, ct)
            .ConfigureAwait(false);
        var probes = new BenchTable(rows, scenario, settings.PacedStreams, warmProbes);
        probes.Add("harness probes (fresh process, on the floor)", coldProbes, (Warm, warmProbes), target: 1.3,
            note: string.Create(CultureInfo.InvariantCulture,
                $"the first window of its load; the harness's own CPU; started in {startup.Wall.TotalMilliseconds:0} ms "
                + $"({startup.Cpu.TotalMilliseconds:0} ms CPU) before it"));
        probes.Add("harness probes, warmed", warmProbes, note: "the same window after three more");

        async Task AddAsync(string name, BenchServer server)
        {
            progress($"measuring {server.Name}, cold");
            var cold = await BenchMeter.MeasureWindowAsync(server, BenchText.PacedModel, settings.PacedStreams, lines, ct)
                .ConfigureAwait(false);
            progress($"warming {server.Name}");
            await BenchMeter.WarmAsync(server, ct).ConfigureAwait(false);
            var warm = await BenchMeter.MeasureWindowAsync(server, BenchText.PacedModel, settings.PacedStreams, lines, ct)
                .ConfigureAwait(false);
            var table = new BenchTable(rows, scenario, settings.PacedStreams, warm);
            table.Add(name, cold, (Warm, warm), target: 1.3, note: "ready (answered GET) before the window starts");
            table.Add(name + ", warmed", warm, note: "the same window again after the warm-up");
        }
    }
}
