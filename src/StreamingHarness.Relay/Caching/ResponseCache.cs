using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Completed streams in HybridCache (memory, and Redis when <c>Relay:Cache:Redis</c> is set), kept within the bounds
/// of <see cref="CacheOptions"/>. A cache that fails (Redis down) is a miss and a skipped store, never a failed stream.
/// </summary>
internal sealed class ResponseCache
{
    // A look-up only: the entry is written by StoreAsync once its stream completed, never by the look-up itself.
    private static readonly HybridCacheEntryOptions LookupOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private readonly HybridCache _cache;
    private readonly CacheMetrics _metrics;
    private readonly ILogger<ResponseCache> _logger;
    private readonly CacheBudget _budget;
    private readonly HybridCacheEntryOptions _store;

    public ResponseCache(HybridCache cache, CacheMetrics metrics, IOptions<RelayOptions> options, ILogger<ResponseCache> logger)
    {
        _cache = cache;
        _metrics = metrics;
        _logger = logger;
        var settings = options.Value.Cache;
        _budget = new CacheBudget(settings.MaxEntries, settings.MaxBytes);
        _store = new HybridCacheEntryOptions { Expiration = settings.Ttl, LocalCacheExpiration = settings.Ttl };
    }

    /// <summary>Entries this relay counts against its bounds now.</summary>
    public int Count => _budget.Count;

    /// <summary>The stream stored under <paramref name="key"/>, or null (counted as a hit or a miss).</summary>
    public async ValueTask<CachedStream?> GetAsync(string key, CancellationToken cancellationToken)
    {
        CachedStream? entry;
        try
        {
            entry = await _cache.GetOrCreateAsync(
                key, static _ => ValueTask.FromResult<CachedStream?>(null), LookupOnly, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Cache look-up failed; relaying from the upstream");
            entry = null;
        }

        _metrics.Lookup(hit: entry is not null);
        if (entry is null)
        {
            _budget.Forget(key);
            return null;
        }

        await EvictAsync(_budget.Use(key, entry.Size));
        return entry;
    }

    public async ValueTask StoreAsync(string key, CachedStream entry)
    {
        try
        {
            await _cache.SetAsync(key, entry, _store);
            _metrics.Store();
            await EvictAsync(_budget.Use(key, entry.Size));
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Cache store failed; the stream was relayed but not kept");
        }
    }

    private async ValueTask EvictAsync(List<string> keys)
    {
        foreach (var key in keys)
        {
            await _cache.RemoveAsync(key);
        }

        if (keys.Count > 0)
        {
            _metrics.Evict(keys.Count);
        }
    }
}
