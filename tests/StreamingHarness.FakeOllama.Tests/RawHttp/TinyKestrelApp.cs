using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamingHarness.FakeOllama.Tests.RawHttp;

/// <summary>A one-handler Kestrel app on a free loopback port, to test the raw client against real socket behaviour.</summary>
internal sealed class TinyKestrelApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TinyKestrelApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<TinyKestrelApp> StartAsync(RequestDelegate handler, long? maxWriteBufferSize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSockets(o => o.MaxWriteBufferSize = maxWriteBufferSize ?? o.MaxWriteBufferSize);
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TinyKestrelApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
