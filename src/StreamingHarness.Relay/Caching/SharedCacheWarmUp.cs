using Microsoft.Extensions.Caching.Distributed;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Connects to Redis in the background as the relay starts, so the first requests do not pay for the connection (and
/// the JIT of its client) inside their short look-up timeout, which would open the breaker for nothing.
/// </summary>
internal sealed class SharedCacheWarmUp(IDistributedCache cache) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (cache is BestEffortDistributedCache shared)
        {
            _ = shared.WarmUpAsync();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
