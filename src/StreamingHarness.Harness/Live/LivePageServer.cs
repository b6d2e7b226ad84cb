using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamingHarness.Hosting.WebAssets;

namespace StreamingHarness.Harness.Live;

/// <summary>
/// <c>load --ui [PORT]</c>: the run's page on loopback (<c>/</c>), its event stream (<c>/events</c>) and, once written,
/// the report (<c>/report</c>). Loopback only: the page shows the targets and their figures to whoever can reach it.
/// </summary>
internal sealed class LivePageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _reportFolder;

    private LivePageServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0: a free port); a port in use throws <see cref="IOException"/>.</summary>
    public static async Task<LivePageServer> StartAsync(int port, LiveRunObserver observer, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        LivePageServer? server = null;
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{file}", (string file) => Asset(file));
        // report.html has no icon of its own: no 404 in the browser's console when it is opened here.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/events", (CancellationToken token) => TypedResults.ServerSentEvents(observer.ListenAsync(token)));
        app.MapGet("/report", () => server?._reportFolder is { } folder
            ? Results.File(Path.Combine(folder, "report.html"), "text/html; charset=utf-8")
            : Results.NotFound("the report is written when the run ends"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new LivePageServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>Serves <c>report.html</c> of <paramref name="folder"/> at <c>/report</c> from now on.</summary>
    public void ServeReport(string folder) => Volatile.Write(ref _reportFolder, folder);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IResult Asset(string file) =>
        EmbeddedAsset.ForPage(typeof(LivePageServer).Assembly, file) is { } asset
            ? TypedResults.Bytes(asset.Content, asset.ContentType)
            : TypedResults.NotFound();
}
