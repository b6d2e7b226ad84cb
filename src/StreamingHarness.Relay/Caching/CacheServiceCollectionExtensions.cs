using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

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
            services.AddStackExchangeRedisCache(redis =>
            {
                redis.Configuration = options.Redis;
                redis.InstanceName = "streaming-harness-relay:";
            });
        }

        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<CachedStreamReplayer>();
        services.AddSingleton<CachingStreamRelay>();
        return services;
    }
}
