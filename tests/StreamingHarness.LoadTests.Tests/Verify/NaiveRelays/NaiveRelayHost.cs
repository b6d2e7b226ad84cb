using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamingHarness.LoadTests.Tests.Verify.NaiveRelays;

/// <summary>
/// A naive relay's Kestrel app on a free loopback port (real sockets: a client that leaves must look like one),
/// with the HttpClient it calls the upstream with.
/// </summary>
internal sealed class NaiveRelayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NaiveRelayHost(WebApplication app, Uri baseAddress, HttpClient upstreamClient)
    {
        _app = app;
        BaseAddress = baseAddress;
        UpstreamClient = upstreamClient;
    }

    public Uri BaseAddress { get; }

    public HttpClient UpstreamClient { get; }

    public static async Task<NaiveRelayHost> StartAsync(Action<WebApplication, HttpClient> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        // The relay's own deadlines bound every upstream call, so HttpClient's 100 s default must not cut in.
        var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        map(app, client);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new NaiveRelayHost(app, new Uri(address), client);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        UpstreamClient.Dispose();
    }
}
