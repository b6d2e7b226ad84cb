using System.CommandLine;
using System.Globalization;
using System.Net;
using StreamingHarness.Harness.Bench;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Cli;

/// <summary>
/// <c>bench</c>: the side-by-side CPU benchmark (scripts/side-by-side.sh builds, installs aimock and runs it).
/// Exit codes (docs/load.md#exit-codes): 0 every issue target met, 3 a target missed (the report says by how much),
/// 1 bad input or a server that would not start. <c>bench-floor</c> is the floor server it starts as a process of its own.
/// </summary>
internal static class BenchCommand
{
    private static readonly string DefaultAimock = Path.Combine(
        BuildPaths.DataRoot, "benchmarks", "aimock", "node_modules", "@copilotkit", "aimock", "dist", "cli.js");

    private static Option<int> Positive(string name, int value, string description)
    {
        var option = new Option<int>(name) { Description = description + $" (default {value})", DefaultValueFactory = _ => value };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }

    public static IEnumerable<Command> Create()
    {
        var tokens = Positive("--tokens", 960, "Tokens per stream, the same text from every server");
        var unpacedStreams = Positive("--unpaced-streams", 16, "Unpaced scenario: streams at once");
        var rounds = Positive("--unpaced-rounds", 10, "Unpaced scenario: streams each of them runs back to back");
        var pacedStreams = Positive("--paced-streams", 256, "Paced scenario: streams at once");
        var interval = Positive("--interval-ms", 20, "Paced scenario: milliseconds between two lines of a stream");
        var aimock = new Option<string?>("--aimock")
        {
            Description = "aimock's CLI script (default: benchmarks/aimock/node_modules/@copilotkit/aimock/dist/cli.js, "
                + "installed by scripts/side-by-side.sh); 'none' leaves aimock out.",
        };
        var coldOnly = new Option<bool>("--cold-only")
        {
            Description = "Only the fresh processes: the cold rows and the first answers (to compare runtime settings quickly).",
        };
        var capacityOnly = new Option<bool>("--capacity-only")
        {
            Description = "Only the instrument's capacity: the fake + harness and the floor pair, each swept for the most paced "
                + "streams with ITL error p99 <= 5 ms, and each half of the instrument with the floor pair's other half.",
        };
        var relayOnly = new Option<bool>("--relay-only")
        {
            Description = "Only the relay and its anchors (the floor, the relay floor, YARP tuned), paced and unpaced: no fake, "
                + "cold or capacity rows (to measure a relay change quickly).",
        };
        var relayBaseline = new Option<string?>("--relay-baseline")
        {
            Description = "Another build of the relay (its StreamingHarness.Relay.dll), measured beside this one in both modes "
                + "and against the same anchors: a change's before and after in one run.",
        };
        var compareFake = new Option<string?>("--compare-fake")
        {
            Description = "Another build of the fake (its .dll, e.g. a copy of the build output before a change), started beside "
                + "the fake with the same scenarios; unpaced and paced, the two are measured twice each (A B B A) and pooled: "
                + "before and after in one run.",
        };
        var fakesOnly = new Option<bool>("--fakes-only")
        {
            Description = "Only the floor, the fake (and --compare-fake), aimock and the harness's probes, unpaced and paced: "
                + "no relay, anchors, cold rows or capacity.",
        };
        var reports = new Option<string?>("--reports")
        {
            Description = "Folder for <timestamp>-side-by-side/ (default: the repository's reports/).",
        };
        var bench = new Command(
            "bench",
            "Side-by-side CPU per token: the floor (raw sockets, one send() per line), aimock, the fake (write-through and "
            + "--buffered-writes) and the relay over the fake, each its own process, read by one neutral raw-socket client; "
            + "then the harness's own probes. Writes reports/<timestamp>-side-by-side/ (report.md, report.json). "
            + "Exit 0 every target met, 3 a target missed or a capacity sweep inconclusive, 1 bad input or a server that would not start.")
        {
            tokens, unpacedStreams, rounds, pacedStreams, interval, aimock, coldOnly, capacityOnly, relayOnly, relayBaseline,
            compareFake, fakesOnly, reports,
        };
        bench.SetAction((parse, ct) => RunAsync(
            new BenchSettings(
                parse.GetValue(tokens), parse.GetValue(unpacedStreams), parse.GetValue(rounds), parse.GetValue(pacedStreams),
                parse.GetValue(interval), AimockPath(parse.GetValue(aimock)),
                parse.GetValue(reports) ?? BuildPaths.ReportsRoot, parse.GetValue(coldOnly), parse.GetValue(capacityOnly),
                parse.GetValue(relayOnly), parse.GetValue(relayBaseline), parse.GetValue(compareFake), parse.GetValue(fakesOnly)),
            string.Join(' ', parse.Tokens.Select(t => t.Value)),
            ct));

        var port = Positive("--port", 11434, "Port to listen on");
        var floor = new Command("bench-floor", "The floor server bench starts (one send() per pre-rendered line).")
        {
            Hidden = true,
        };
        floor.Options.Add(port);
        floor.Options.Add(tokens);
        floor.Options.Add(interval);
        floor.SetAction(parse => new FloorServer(new BenchText(parse.GetValue(tokens)), TimeSpan.FromMilliseconds(parse.GetValue(interval)))
            .Run(parse.GetValue(port)));

        var upstreamPort = Positive("--upstream-port", 11434, "The upstream's port on 127.0.0.1");
        var relayFloor = new Command(
            "bench-relay-floor", "The raw-socket relay floor bench starts (ndjson in, one SSE event out per line).")
        {
            Hidden = true,
        };
        relayFloor.Options.Add(port);
        relayFloor.Options.Add(upstreamPort);
        relayFloor.SetAction(parse => new RelayFloorServer(new IPEndPoint(IPAddress.Loopback, parse.GetValue(upstreamPort)))
            .Run(parse.GetValue(port)));
        var window = Positive("--window-ms", 2000, "How long each window of load lasts");
        var freshHarness = new Command(
            FreshHarness.Command, "A fresh harness's probes on the floor: its first window of load, then the same once warm.")
        {
            Hidden = true,
        };
        freshHarness.Options.Add(upstreamPort);
        freshHarness.Options.Add(pacedStreams);
        freshHarness.Options.Add(window);
        freshHarness.SetAction((parse, ct) => FreshHarness.RunAsync(
            new IPEndPoint(IPAddress.Loopback, parse.GetValue(upstreamPort)), parse.GetValue(pacedStreams),
            TimeSpan.FromMilliseconds(parse.GetValue(window)), Console.Out, ct));
        return [bench, floor, relayFloor, freshHarness];
    }

    private static string? AimockPath(string? given) => given switch
    {
        "none" => null,
        null => File.Exists(DefaultAimock) ? DefaultAimock : null,
        _ => given,
    };

    private static async Task<int> RunAsync(BenchSettings settings, string arguments, CancellationToken ct)
    {
        if (!ProcessCpu.Available)
        {
            await Console.Error.WriteLineAsync("error: bench reads /proc/<pid>/stat and runs on Linux only.").ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        if (settings.AimockCli is { } cli && !File.Exists(cli))
        {
            await Console.Error.WriteLineAsync($"error: --aimock: {cli} does not exist.").ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        if (settings.RelayBaselineDll is { } baseline && !File.Exists(baseline))
        {
            await Console.Error.WriteLineAsync($"error: --relay-baseline: {baseline} does not exist.").ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        if (settings.CompareFakeDll is { } compare && !File.Exists(compare))
        {
            await Console.Error.WriteLineAsync($"error: --compare-fake: {compare} does not exist.").ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        if (settings.RelayOnly && settings.FakesOnly)
        {
            await Console.Error.WriteLineAsync("error: --relay-only and --fakes-only exclude each other: give one.").ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        var started = DateTimeOffset.UtcNow;
        var name = started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-side-by-side";
        var directory = Path.Combine(settings.ReportsDirectory, name);
        Directory.CreateDirectory(directory);
        BenchServers servers;
        try
        {
            servers = await BenchServers.StartAsync(settings, new BenchText(settings.Tokens), directory, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        await using (servers.ConfigureAwait(false))
        {
            if (settings.AimockCli is null && !settings.RelayOnly)
            {
                Console.WriteLine("aimock is not installed (scripts/side-by-side.sh installs it): its rows are left out.");
            }

            var rows = settings.ColdOnly || settings.CapacityOnly
                ? []
                : new List<BenchRow>(await BenchRunner.RunAsync(settings, servers, Console.WriteLine, ct).ConfigureAwait(false));
            IReadOnlyList<BenchStartup> startups = [];
            if (!settings.CapacityOnly && !settings.RelayOnly && !settings.FakesOnly)
            {
                await BenchCold.AddColdRowsAsync(settings, servers, rows, Console.WriteLine, ct).ConfigureAwait(false);
                startups = await BenchCold.FirstAnswersAsync(servers, Console.WriteLine, ct).ConfigureAwait(false);
            }

            var skipCapacity = settings.ColdOnly || settings.RelayOnly || settings.FakesOnly;
            var capacity = skipCapacity ? [] : await CapacityAsync(settings, servers, ct).ConfigureAwait(false);
            var report = new BenchReport(
                arguments, started, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}", settings, rows, startups, capacity);
            Console.WriteLine();
            Console.WriteLine(report.ToMarkdown());
            Console.WriteLine("report: " + report.Write(directory));
            var passed = rows.All(r => r.Met is not false) && BenchCapacity.Passes(capacity);
            return passed ? LoadTestCommand.Passed : LoadTestCommand.Failed;
        }
    }

    private static async Task<IReadOnlyList<CapacityRow>> CapacityAsync(BenchSettings settings, BenchServers servers, CancellationToken ct)
    {
        if (settings.CapacityOnly)
        {
            foreach (var server in new[] { servers.Floor, servers.Fake })
            {
                Console.WriteLine($"warming {server.Name}");
                await BenchMeter.WarmAsync(server, ct).ConfigureAwait(false);
            }
        }

        return await BenchCapacity.RunAsync(settings, servers, Console.WriteLine, ct).ConfigureAwait(false);
    }
}
