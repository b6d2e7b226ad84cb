using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>The relay in-process, pointed at <paramref name="upstream"/>, with test settings (<c>Relay:...</c> keys) applied on top of appsettings.json.</summary>
public sealed class RelayFactory(Uri upstream, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Relay:Upstream:BaseUrl", upstream.AbsoluteUri);
        builder.UseSetting("Relay:Retry:BaseDelay", "00:00:00.010");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>An address where nothing listens: connecting is refused at once.</summary>
    public static Uri ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
