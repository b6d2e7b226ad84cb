using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// The relay in-process, pointed at <paramref name="upstream"/>, with test settings (<c>Relay:...</c> keys) applied on
/// top of appsettings.json, and <paramref name="services"/> (a fake clock, captured logs) replacing the relay's own.
/// </summary>
public sealed class RelayFactory(
    Uri upstream, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Relay:Upstream:BaseUrl", upstream.AbsoluteUri);
        builder.UseSetting("Relay:Retry:BaseDelay", "00:00:00.010");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>The relay's clock replaced by <paramref name="clock"/>: its deadlines, retry delays and heartbeats run on it.</summary>
    public static Action<IServiceCollection> Clock(TimeProvider clock) => services => services.AddSingleton(clock);
}
