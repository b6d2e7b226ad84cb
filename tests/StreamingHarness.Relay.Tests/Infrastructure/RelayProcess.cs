using StreamingHarness.Testing.Network;
using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// The relay as a process of its own (the build copies its program beside the tests), for what only a real process
/// shows: signals, exit codes, what it prints when it cannot start.
/// </summary>
internal static class RelayProcess
{
    private static string Program => Path.Combine(AppContext.BaseDirectory, "StreamingHarness.Relay.dll");

    /// <summary>The relay's command line: its settings given as <c>--Relay:...=value</c>, on a free port.</summary>
    public static string[] Arguments(Uri baseAddress, Uri upstream, IReadOnlyDictionary<string, string> settings) =>
    [
        Program,
        "--contentRoot", AppContext.BaseDirectory,
        "--urls", baseAddress.ToString().TrimEnd('/'),
        "--Logging:LogLevel:Default=Warning",
        $"--Relay:Upstream:BaseUrl={upstream}",
        .. settings.Select(setting => $"--{setting.Key}={setting.Value}"),
    ];

    /// <summary>Starts the relay and waits until it answers <c>/healthz</c>.</summary>
    public static async Task<(ServerProcess Process, Uri BaseAddress)> StartAsync(
        Uri upstream, IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        using var http = new HttpClient { BaseAddress = baseAddress };
        var process = await ServerProcess.StartAsync(
            "dotnet", Arguments(baseAddress, upstream, settings), () => AnswersAsync(http), $"the relay answers at {baseAddress}");
        return (process, baseAddress);
    }

    /// <summary>Runs the relay with <paramref name="settings"/> that must stop it at start-up.</summary>
    public static Task<FinishedProcess> RunAsync(IReadOnlyDictionary<string, string> settings) =>
        FinishedProcess.RunAsync(
            "dotnet", Arguments(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), FreePort.ClosedAddress(), settings));

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
