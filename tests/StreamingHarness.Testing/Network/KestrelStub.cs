using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamingHarness.Testing.Network;

/// <summary>
/// A one-handler Kestrel app on a free loopback port: a scripted upstream or peer where real socket behaviour matters
/// (the raw client's framing, a relay's upstream that misbehaves in ways the fake does not script).
/// </summary>
public sealed class KestrelStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelStub(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where it listens, ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <param name="handler">Answers every request.</param>
    /// <param name="maxWriteBufferSize">Kestrel's socket write buffer; 1 makes every flush wait for the socket.</param>
    public static async Task<KestrelStub> StartAsync(RequestDelegate handler, long? maxWriteBufferSize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSockets(o => o.MaxWriteBufferSize = maxWriteBufferSize ?? o.MaxWriteBufferSize);
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelStub(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
