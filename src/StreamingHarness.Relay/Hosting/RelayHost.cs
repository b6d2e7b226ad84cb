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
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapStreamApi();
        app.MapOllamaApi();
        app.MapOperationsApi();
        app.MapA2aApi();
        return app;
    }
}
