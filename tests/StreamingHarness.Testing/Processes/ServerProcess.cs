using System.Diagnostics;
using System.Text;

namespace StreamingHarness.Testing.Processes;

/// <summary>
/// A server a test runs as a process of its own (redis-server, the fake Ollama): started with its output kept, ready
/// once a probe says so (failing with that output if it exits first), killed with its children on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> (in <paramref name="workingDirectory"/>, default this process's) and waits until
    /// <paramref name="ready"/> returns true.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string fileName, IEnumerable<string> arguments, Func<Task<bool>> ready, string what, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(new Process { StartInfo = info });
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await Eventually.WaitAsync(
                async () => server._process.HasExited
                    ? throw new InvalidOperationException($"{fileName} exited before {what}: {server.Output()}")
                    : await ready(),
                static ok => ok,
                what);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Sends SIGTERM, as a service manager or Kubernetes stops a process.</summary>
    public async Task TerminateAsync()
    {
        var kill = await FinishedProcess.RunAsync("kill", ["-TERM", $"{_process.Id}"]);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: {kill.StandardError}");
        }
    }

    /// <summary>Waits until the process exits, up to <paramref name="deadline"/>, and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? deadline = null)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(deadline ?? Eventually.DefaultDeadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit: {Output()}");
        }

        // The parameterless wait also drains the redirected output, so Output() is complete.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
