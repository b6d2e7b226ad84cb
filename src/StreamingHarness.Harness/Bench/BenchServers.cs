using System.Globalization;
using System.Net;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Hosting.Sockets;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// Starts every server of a side-by-side run as its own process on a free loopback port (the floor, the fake in
/// both write modes, the relay over the default fake and the anchors in front of the same fake: the raw-socket relay
/// floor and YARP, tuned and with its defaults; aimock when installed) and stops them all on dispose.
/// </summary>
internal sealed class BenchServers : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> Quiet = new() { ["Logging__LogLevel__Default"] = "Warning" };
    private readonly List<ChildProcess> _processes = [];
    private string _scenarios = "";
    private string? _aimockCli;
    private string _aimockFixtures = "";
    private string _workDirectory = "";

    public BenchServer Floor { get; private set; } = null!;
    public BenchServer Fake { get; private set; } = null!;
    public BenchServer? FakeBuffered { get; private set; }

    /// <summary>Another build of the fake (<c>--compare-fake</c>), measured beside <see cref="Fake"/>; null when none.</summary>
    public BenchServer? CompareFake { get; private set; }
    public BenchServer Relay { get; private set; } = null!;

    /// <summary>The relay's own process again, asked for its SSE contract (<c>/stream/chat</c>).</summary>
    public BenchServer RelaySse => Relay with { Name = "relay /stream/chat", Wire = BenchWire.Sse };

    /// <summary>Another build of the relay (<c>--relay-baseline</c>), in front of the same fake; null when not asked for.</summary>
    public BenchServer? RelayBaseline { get; private set; }

    public BenchServer? RelayBaselineSse => RelayBaseline is { } baseline
        ? baseline with { Name = "relay (baseline) /stream/chat", Wire = BenchWire.Sse }
        : null;

    public BenchServer RelayFloor { get; private set; } = null!;

    public BenchServer YarpTuned { get; private set; } = null!;

    public BenchServer? YarpDefaults { get; private set; }
    public BenchServer? Aimock { get; private set; }

    public static async Task<BenchServers> StartAsync(BenchSettings settings, BenchText text, string workDirectory, CancellationToken ct)
    {
        var servers = new BenchServers();
        try
        {
            using var http = new HttpClient();
            var scenarios = Path.Combine(workDirectory, "scenarios");
            text.WriteFakeScenarios(scenarios, settings.IntervalMs);
            servers._scenarios = scenarios;
            servers._workDirectory = workDirectory;
            servers.Floor = await servers.StartDotnetAsync(http, "floor", BuildPaths.HarnessDll, Quiet, PortArgument, ct, "bench-floor",
                "--tokens", Invariant(settings.Tokens), "--interval-ms", Invariant(settings.IntervalMs));
            servers.Fake = await BenchServers.ReadyAsync(http, servers.LaunchFake("fake"), "/", ct);
            if (settings.CapacityOnly)
            {
                // The capacity sweep reads the floor and the fake only: every other server would idle beside it.
                return servers;
            }

            if (!settings.RelayOnly)
            {
                servers.FakeBuffered = await servers.StartDotnetAsync(
                    http, "fake --buffered-writes", BuildPaths.FakeOllamaDll, Quiet, Urls, ct,
                    "--scenarios", scenarios, "--buffered-writes");
                if (settings.CompareFakeDll is { } compare)
                {
                    servers.CompareFake = await servers.StartDotnetAsync(
                        http, $"fake, compared ({compare})", compare, Quiet, Urls, ct, "--scenarios", scenarios);
                }

                await servers.StartAimockAsync(http, settings, text, ct).ConfigureAwait(false);
                if (settings.FakesOnly)
                {
                    return servers;
                }
            }

            servers.Relay = await servers.StartRelayAsync(http, ct);
            if (settings.RelayBaselineDll is { } baseline)
            {
                servers.RelayBaseline = await ReadyAsync(
                    http, servers.LaunchRelay("relay (baseline)", servers.Fake, baseline), "/__stats", ct).ConfigureAwait(false);
            }

            var fake = servers.Fake;
            servers.RelayFloor = await servers.StartRelayFloorAsync(http, fake.Endpoint, ct) with { Upstream = fake.Process };
            servers.YarpTuned = await servers.StartYarpAsync(http, fake.Endpoint, tuned: true, ct) with { Upstream = fake.Process };
            if (settings.RelayOnly)
            {
                // A relay change is judged against its anchors only: the fake's rows and YARP's defaults would only add time.
                return servers;
            }

            servers.YarpDefaults = await servers.StartYarpAsync(http, fake.Endpoint, tuned: false, ct) with { Upstream = fake.Process };
            return servers;
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartAimockAsync(HttpClient http, BenchSettings settings, BenchText text, CancellationToken ct)
    {
        if (settings.AimockCli is { } cli)
        {
            _aimockFixtures = Path.Combine(_workDirectory, "aimock-fixtures.json");
            _aimockCli = cli;
            text.WriteAimockFixtures(_aimockFixtures, settings.IntervalMs);
            Aimock = await ReadyAsync(http, LaunchAimock("aimock")!, "/health", ct).ConfigureAwait(false);
        }
    }

    /// <summary>The raw-socket relay floor (<c>bench-relay-floor</c>) in front of <paramref name="upstream"/>.</summary>
    public async Task<BenchServer> StartRelayFloorAsync(HttpClient http, IPEndPoint upstream, CancellationToken ct)
    {
        var started = await StartDotnetAsync(
            http, "relay floor (raw sockets)", BuildPaths.HarnessDll, Quiet, PortArgument, ct,
            "bench-relay-floor", "--upstream-port", Invariant(upstream.Port)).ConfigureAwait(false);
        return started with { Wire = BenchWire.Sse };
    }

    /// <summary>
    /// YARP in front of <paramref name="upstream"/>: tuned as our apps run, or with the runtime's defaults put back
    /// (this process's children inherit its inline socket completions, and every app here gets a spin limit of 0).
    /// </summary>
    public Task<BenchServer> StartYarpAsync(HttpClient http, IPEndPoint upstream, bool tuned, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>(Quiet);
        if (!tuned)
        {
            environment[InlineSocketCompletions.Variable] = "0";
            environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "70";
        }

        return StartDotnetAsync(
            http, tuned ? "YARP 2.3 tuned" : "YARP 2.3 defaults", BuildPaths.YarpAnchorDll, environment, Urls, ct,
            "--upstream", Loopback(upstream.Port).ToString().TrimEnd('/'), "--mode", tuned ? "tuned" : "defaults");
    }

    private Task<BenchServer> StartDotnetAsync(
        HttpClient http,
        string name,
        string dll,
        IReadOnlyDictionary<string, string> environment,
        Func<int, string[]> listen,
        CancellationToken ct,
        params string[] arguments) =>
        StartAsync(http, name, "/", port => ChildProcess.Start(
            ServerProgram.Dll(name, dll), Loopback(port), [.. arguments, .. listen(port)], environment), ct);

    private static string[] PortArgument(int port) => ["--port", Invariant(port)];

    private Task<BenchServer> StartRelayAsync(HttpClient http, CancellationToken ct) =>
        ReadyAsync(http, LaunchRelay("relay", Fake), "/__stats", ct);

    /// <summary>A fake with the bench's scenarios, started and not yet waited for (a cold start's clock starts here).</summary>
    public BenchServer LaunchFake(string name) => Launch(name, port => ChildProcess.Start(
        ServerProgram.Dll(name, BuildPaths.FakeOllamaDll), Loopback(port), ["--scenarios", _scenarios, .. Urls(port)], Quiet));

    /// <summary>
    /// The relay (this build's, or <paramref name="dll"/>) in front of <paramref name="upstream"/>, started and not yet waited for.
    /// </summary>
    public BenchServer LaunchRelay(string name, BenchServer upstream, string? dll = null)
    {
        var environment = new Dictionary<string, string>(RelayEnvironment.ForLoad)
        {
            ["Relay__Upstream__BaseUrl"] = Loopback(upstream.Endpoint.Port).ToString().TrimEnd('/'),
        };
        return Launch(name, port => ChildProcess.Start(
            ServerProgram.Dll(name, dll ?? BuildPaths.RelayDll), Loopback(port), Urls(port), environment))
            with { Upstream = upstream.Process };
    }

    /// <summary>aimock with the bench's fixtures, started and not yet waited for; null when aimock is not installed.</summary>
    public BenchServer? LaunchAimock(string name) => _aimockCli is not { } cli ? null : Launch(name, port => ChildProcess.StartProgram(
        name, "node", [cli, "--port", Invariant(port), "--fixtures", _aimockFixtures, "--log-level", "silent"],
        _workDirectory, Loopback(port), new Dictionary<string, string>()));

    public static async Task<BenchServer> ReadyAsync(HttpClient http, BenchServer server, string readyPath, CancellationToken ct)
    {
        await server.Process.WaitUntilReadyAsync(http, readyPath, ReadyTimeout, ct).ConfigureAwait(false);
        return server;
    }

    private Task<BenchServer> StartAsync(
        HttpClient http, string name, string readyPath, Func<int, ChildProcess> start, CancellationToken ct) =>
        ReadyAsync(http, Launch(name, start), readyPath, ct);

    private BenchServer Launch(string name, Func<int, ChildProcess> start)
    {
        var port = FreePort.Next();
        var process = start(port);
        _processes.Add(process);
        return new BenchServer(name, process, new IPEndPoint(IPAddress.Loopback, port));
    }

    private static string[] Urls(int port) => ["--urls", Loopback(port).ToString().TrimEnd('/')];

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{Invariant(port)}");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
