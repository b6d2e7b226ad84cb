using System.Diagnostics;
using System.Text;

namespace StreamingHarness.Testing.Clients;

/// <summary>
/// A node script serving in the background (<see cref="NodeClients.StartAsync"/>): its ready line, and its stderr
/// for failure messages. Disposing closes its stdin, which the script takes as the signal to stop.
/// </summary>
public sealed class NodeProcess(Process process) : IAsyncDisposable
{
    private readonly StringBuilder _errors = new();

    /// <summary>The first line the script printed, e.g. <c>{"port":43121}</c>.</summary>
    public string ReadyLine { get; private set; } = "";

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    internal async Task WaitUntilReadyAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(deadline, cancellationToken);
        ReadyLine = line ?? throw new InvalidOperationException($"node exited before it was ready: {Errors}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
        }
        finally
        {
            process.Dispose();
        }
    }
}
