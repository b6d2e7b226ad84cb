using StreamingHarness.Hosting.Lifetime;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace StreamingHarness.Harness.Targets;

/// <summary>
/// One server the harness started (<c>dotnet App.dll --urls ...</c>, or the tool's <c>streamingharness fake --urls ...</c>):
/// waits until it answers, keeps the tail of its output for error messages, and kills it (with its children) on dispose;
/// the fake and the relay also stop by themselves when the harness dies, however it dies.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static ChildProcess Start(
        ServerProgram program, Uri baseAddress, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        if (program.MissingFile is { } missing)
        {
            throw new FileNotFoundException(
                $"{program.Name}: {missing} does not exist. Build the solution first (dotnet build -c Release StreamingHarness.sln), "
                + "or run the harness with dotnet run, which builds it.",
                missing);
        }

        var info = program.StartInfo(arguments);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        // No orphans: the child stops when its stdin ends, which the kernel brings about when the harness dies, even
        // on SIGKILL; the harness never writes to it (ParentWatch).
        info.RedirectStandardInput = true;
        info.Environment[ParentWatch.VariableName] = "1";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(program.Name, process, baseAddress);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Starts any program (e.g. <c>node</c> for a peer server) the same way, its output kept for errors.</summary>
    public static ChildProcess StartProgram(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        Uri baseAddress,
        IReadOnlyDictionary<string, string> environment) =>
        Start(new ServerProgram(name, fileName, [], workingDirectory, MissingFile: null), baseAddress, arguments, environment);

    /// <summary>
    /// Polls <paramref name="readyPath"/> until it answers 2xx; fails with the process's output if it exits or the deadline passes.
    /// </summary>
    public async Task WaitUntilReadyAsync(HttpClient client, string readyPath, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var uri = new Uri(BaseAddress, readyPath);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before it was ready. Its output:\n{OutputTail()}");
            }

            try
            {
                using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (stopwatch.Elapsed > deadline)
            {
                throw new TimeoutException(
                    $"{Name} did not answer GET {uri} within {deadline.TotalSeconds:0} s. Its output:\n{OutputTail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    public string OutputTail() => string.Join('\n', _output);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or refusing to die: nothing more the harness can do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }
}
