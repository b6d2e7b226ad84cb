using StreamingHarness.Hosting.Lifetime;
using StreamingHarness.Relay.A2a;
using StreamingHarness.Relay.Endpoints;

namespace StreamingHarness.Relay.Hosting;

/// <summary>
/// The relay's web host, one definition for both ways to run it: <c>dotnet run --project src/StreamingHarness.Relay</c>
/// and the installed tool's <c>streamingharness relay</c>.
/// </summary>
internal static class RelayHost
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <param name="args">ASP.NET Core's command-line configuration (<c>--urls</c>, <c>--Relay:Upstream:BaseUrl=...</c>).</param>
    public static WebApplication Build(string[] args)
    {
        // appsettings.json (quiet logging, the defaults) is found next to the program whatever the working directory:
        // `dotnet run --project src/StreamingHarness.Relay` from the repository root would otherwise miss it.
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // A failed start (a bad setting) is one plain line from RunAsync, not a logged stack trace too.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // A flushed event is sent by the flushing thread, not after a hop through Kestrel's IO queue: one hop less per token.
        // "Unsafe" only for blocking application code, which the relay has none of (see InlineSocketCompletions).
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.Services.AddRelay(builder.Configuration);

        var app = builder.Build();
        app.UseOllamaRouterFallback();
        app.UseDrainGate();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapStreamApi();
        app.MapOllamaApi();
        app.MapOperationsApi();
        app.MapA2aApi();
        return app;
    }

    /// <summary>
    /// Builds and runs the relay until it is stopped (Ctrl+C, SIGTERM). A configuration it cannot start with is one line
    /// on <paramref name="error"/> and exit code 1, never a stack trace. <paramref name="beforeRun"/> is called once the
    /// host is built, before it starts.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error, Action? beforeRun = null)
    {
        WebApplication? app = null;
        try
        {
            app = Build(args);
            beforeRun?.Invoke();
            ParentWatch.StopWhenParentExits(app.Lifetime.StopApplication);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex, null) is not null)
        {
            // Options read while the app was built fail before it exists: its configuration is read again to quote values.
            await error.WriteLineAsync(StartupFailure.Describe(ex, app?.Configuration ?? WebApplication.CreateBuilder(args).Configuration));
            return 1;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
