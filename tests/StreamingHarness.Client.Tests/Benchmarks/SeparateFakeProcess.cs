using System.Diagnostics;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Client.Tests.Benchmarks;

/// <summary>
/// The fake Ollama as a process of its own (the build copies its program beside the tests), so that this process's CPU
/// time is the client's alone and the fake's is read from its own process.
/// </summary>
internal sealed class SeparateFakeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _scenarios;

    private SeparateFakeProcess(Process process, TempFolder scenarios, Uri baseAddress)
    {
        _process = process;
        _scenarios = scenarios;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU time the fake process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

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
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "StreamingHarness.FakeOllama.dll"),
                "--urls", baseAddress.ToString().TrimEnd('/'),
                "--scenarios", scenarios.Path,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start the fake");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var fake = new SeparateFakeProcess(process, scenarios, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress };
        await Eventually.WaitAsync(
            async () => !process.HasExited && await AnswersAsync(http), static ok => ok, $"the fake answers at {baseAddress}");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _scenarios.Dispose();
    }

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/api/version");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
