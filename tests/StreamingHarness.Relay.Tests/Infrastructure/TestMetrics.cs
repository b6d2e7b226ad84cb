using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
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
}
