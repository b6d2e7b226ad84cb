using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Tests.Infrastructure;

internal static class TestMetrics
{
    /// <summary>A fresh <see cref="RelayMetrics"/> on its own meter factory, so tests running in parallel do not mix.</summary>
    public static RelayMetrics Create()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new RelayMetrics(services.GetRequiredService<IMeterFactory>());
    }

    /// <summary>Records one instrument of this relay's own meter (not another relay's in the same process), from now on.</summary>
    public static MetricCollector<T> Collect<T>(RelayFactory relay, string instrument)
        where T : struct => new(relay.Services.GetRequiredService<RelayMetrics>().Meter, instrument);

    /// <summary>The same for a bare <see cref="RelayMetrics"/> (loop tests without a host).</summary>
    public static MetricCollector<T> Collect<T>(RelayMetrics metrics, string instrument)
        where T : struct => new(metrics.Meter, instrument);
}
