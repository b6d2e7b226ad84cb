using System.Globalization;
using System.Net;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// Starts every server of a side-by-side run as its own process on a free loopback port (the floor, the fake in
/// both write modes, the relay over the default fake, aimock when installed) and stops them all on dispose.
/// </summary>
internal sealed class BenchServers : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> Quiet = new() { ["Logging__LogLevel__Default"] = "Warning" };
    private readonly List<ChildProcess> _processes = [];

    public BenchServer Floor { get; private set; } = null!;
    public BenchServer Fake { get; private set; } = null!;
    public BenchServer FakeBuffered { get; private set; } = null!;
    public BenchServer Relay { get; private set; } = null!;
    public BenchServer? Aimock { get; private set; }

    public static async Task<BenchServers> StartAsync(BenchSettings settings, BenchText text, string workDirectory, CancellationToken ct)
    {
        var servers = new BenchServers();
        try
        {
            using var http = new HttpClient();
            var scenarios = Path.Combine(workDirectory, "scenarios");
            text.WriteFakeScenarios(scenarios, settings.IntervalMs);
            var harness = typeof(BenchServers).Assembly.Location;
            servers.Floor = await servers.StartDotnetAsync(http, "floor", harness, "/", ct, "bench-floor",
                "--tokens", Invariant(settings.Tokens), "--interval-ms", Invariant(settings.IntervalMs));
            servers.Fake = await servers.StartDotnetAsync(http, "fake", BuildPaths.FakeOllamaDll, "/", ct, "--scenarios", scenarios);
            servers.FakeBuffered = await servers.StartDotnetAsync(
                http, "fake --buffered-writes", BuildPaths.FakeOllamaDll, "/", ct, "--scenarios", scenarios, "--buffered-writes");
            servers.Relay = await servers.StartRelayAsync(http, ct);
            if (settings.AimockCli is { } cli)
            {
                var fixtures = Path.Combine(workDirectory, "aimock-fixtures.json");
                text.WriteAimockFixtures(fixtures, settings.IntervalMs);
                servers.Aimock = await servers.StartAsync(http, "aimock", "/health", port => ChildProcess.StartProgram(
                    "aimock", "node", [cli, "--port", Invariant(port), "--fixtures", fixtures, "--log-level", "silent"],
                    workDirectory, Loopback(port), new Dictionary<string, string>()), ct);
            }

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

    private Task<BenchServer> StartDotnetAsync(
        HttpClient http, string name, string dll, string readyPath, CancellationToken ct, params string[] arguments) =>
        StartAsync(http, name, readyPath, port => ChildProcess.Start(
            ServerProgram.Dll(name, dll),
            Loopback(port),
            [.. arguments, .. name == "floor" ? ["--port", Invariant(port)] : Urls(port)],
            Quiet), ct);

    private async Task<BenchServer> StartRelayAsync(HttpClient http, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>(RelayEnvironment.ForLoad)
        {
            ["Relay__Upstream__BaseUrl"] = Loopback(Fake.Endpoint.Port).ToString().TrimEnd('/'),
        };
        var relay = await StartAsync(http, "relay", "/__stats", port => ChildProcess.Start(
            ServerProgram.Dll("relay", BuildPaths.RelayDll), Loopback(port), Urls(port), environment), ct)
            .ConfigureAwait(false);
        return relay with { Upstream = Fake.Process };
    }

    private async Task<BenchServer> StartAsync(
        HttpClient http, string name, string readyPath, Func<int, ChildProcess> start, CancellationToken ct)
    {
        var port = FreePort.Next();
        var process = start(port);
        _processes.Add(process);
        await process.WaitUntilReadyAsync(http, readyPath, ReadyTimeout, ct).ConfigureAwait(false);
        return new BenchServer(name, process, new IPEndPoint(IPAddress.Loopback, port));
    }

    private static string[] Urls(int port) => ["--urls", Loopback(port).ToString().TrimEnd('/')];

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{Invariant(port)}");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
