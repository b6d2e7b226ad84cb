using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;
using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Client.Tests.Benchmarks;

/// <summary>
/// The fake Ollama as a process of its own (the build copies its program beside the tests), so that this process's CPU
/// time is the client's alone and the fake's is read from its own process.
/// </summary>
internal sealed class SeparateFakeProcess : IAsyncDisposable
{
    private readonly ServerProcess _process;
    private readonly TempFolder _scenarios;

    private SeparateFakeProcess(ServerProcess process, TempFolder scenarios, Uri baseAddress)
    {
        _process = process;
        _scenarios = scenarios;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU time the fake process has used so far.</summary>
    public TimeSpan ProcessorTime => _process.ProcessorTime;

    /// <summary>
    /// Starts the fake on a free port with <paramref name="scenarioYaml"/> (file name → YAML) and waits until it answers.
    /// </summary>
    public static async Task<SeparateFakeProcess> StartAsync(IReadOnlyDictionary<string, string> scenarioYaml)
    {
        var scenarios = new TempFolder();
        foreach (var (name, yaml) in scenarioYaml)
        {
            await File.WriteAllTextAsync(scenarios.File(name), yaml);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        using var http = new HttpClient { BaseAddress = baseAddress };
        try
        {
            var process = await ServerProcess.StartAsync(
                "dotnet",
                [
                    Path.Combine(AppContext.BaseDirectory, "StreamingHarness.FakeOllama.dll"),
                    "--urls", baseAddress.ToString().TrimEnd('/'),
                    "--scenarios", scenarios.Path,
                ],
                () => HttpProbe.AnswersAsync(http, "/api/version"),
                $"the fake answers at {baseAddress}");
            return new SeparateFakeProcess(process, scenarios, baseAddress);
        }
        catch
        {
            scenarios.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _scenarios.Dispose();
    }
}
