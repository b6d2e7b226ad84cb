using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamingHarness.Relay.Caching;

internal static class CacheServiceCollectionExtensions
{
    /// <summary>
    /// HybridCache for completed streams: in memory, with Redis as the shared second level when
    /// <c>Relay:Cache:Redis</c> is set and the cache is on.
    /// </summary>
    public static IServiceCollection AddRelayCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RelayOptions.SectionName).GetSection("Cache").Get<CacheOptions>() ?? new CacheOptions();
        services.AddSingleton<IValidateOptions<RelayOptions>, CacheOptionsValidator>();
        services.AddHybridCache(hybrid =>
        {
            hybrid.MaximumPayloadBytes = options.MaxEntryBytes;
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = options.Ttl, LocalCacheExpiration = options.Ttl };
        }).AddSerializer<CachedStream, CachedStreamSerializer>();
        if (options.Enabled && !string.IsNullOrWhiteSpace(options.Redis))
        {
            // Parsed when first used, after start-up validation has explained a bad connection string.
            var connection = options.Redis;
            services.AddSingleton<IDistributedCache>(provider => new BestEffortDistributedCache(
                new RedisCache(Options.Create(new RedisCacheOptions
                {
                    ConfigurationOptions = RedisConfiguration(connection),
                    InstanceName = "streaming-harness-relay:",
                })),
                options,
                provider.GetRequiredService<SharedCacheHealth>(),
                provider.GetRequiredService<CacheMetrics>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<BestEffortDistributedCache>>()));
            services.AddHostedService<SharedCacheWarmUp>();
        }

        services.AddSingleton<SharedCacheHealth>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<CachedStreamReplayer>();
        services.AddSingleton<CachingStreamRelay>();
        return services;
    }

    /// <summary>
    /// A relay that starts while Redis is down still starts, and reconnects on its own; a command while disconnected
    /// fails at once instead of queueing for Redis' own 5 s timeout.
    /// </summary>
    private static ConfigurationOptions RedisConfiguration(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }
}
