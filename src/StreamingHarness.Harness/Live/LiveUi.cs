using System.CommandLine;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Live;

/// <summary>
/// <c>--ui [PORT]</c> for one run: the page server and the observer feeding it. The terminal output stays as it is; the
/// page's address is one more line before it, and after the report one line says the page keeps serving until Ctrl+C.
/// </summary>
internal sealed class LiveUi : IAsyncDisposable
{
    private readonly LiveRunObserver _observer;
    private readonly LivePageServer _server;

    private LiveUi(LiveRunObserver observer, LivePageServer server)
    {
        _observer = observer;
        _server = server;
    }

    public Uri Address => _server.Address;

    /// <summary>Null without <c>--ui</c>; with it, a page listening on loopback.</summary>
    public static async Task<LiveUi?> StartAsync(
        ParseResult parse, Option<int?> option, RunPlan plan, TimeProvider time, CancellationToken cancellationToken)
    {
        if (parse.GetResult(option) is null)
        {
            return null;
        }

        var port = parse.GetValue(option) ?? 0;
        if (port is < 0 or > 65535)
        {
            throw new FormatException($"--ui: port {port} is not between 0 and 65535.");
        }

        var observer = new LiveRunObserver(plan, time);
        var server = await LivePageServer.StartAsync(port, observer, cancellationToken).ConfigureAwait(false);
        observer.Start();
        await Console.Out.WriteLineAsync($"live page: {server.Address}").ConfigureAwait(false);
        return new LiveUi(observer, server);
    }

    /// <summary>The observer to run with: the terminal's, with the page listening in.</summary>
    public IRunObserver Watch(IRunObserver terminal) => _observer.Watch(terminal);

    /// <summary>Links the report from the page, then serves it until <paramref name="cancellationToken"/> (Ctrl+C).</summary>
    public async Task ServeReportAsync(string verdict, string folder, CancellationToken cancellationToken)
    {
        _server.ServeReport(folder);
        _observer.ReportWritten(verdict, folder);
        await Console.Out.WriteLineAsync($"live page: {_server.Address} serves the report; Ctrl+C to stop.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _observer.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
