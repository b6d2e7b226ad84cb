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
    private readonly HybridCacheEntryOptions _storeLocal;
    private readonly HybridCacheEntryOptions _storeShared;

    public ResponseCache(HybridCache cache, CacheMetrics metrics, IOptions<RelayOptions> options, ILogger<ResponseCache> logger)
    {
        _cache = cache;
        _metrics = metrics;
        _logger = logger;
        var settings = options.Value.Cache;
        _budget = new CacheBudget(settings.MaxEntries, settings.MaxBytes);
        _storeLocal = new HybridCacheEntryOptions
        {
            Expiration = settings.Ttl, LocalCacheExpiration = settings.Ttl, Flags = HybridCacheEntryFlags.DisableDistributedCacheWrite,
        };
        _storeShared = new HybridCacheEntryOptions
        {
            Expiration = settings.Ttl, LocalCacheExpiration = settings.Ttl, Flags = HybridCacheEntryFlags.DisableLocalCacheWrite,
        };
        HasSharedLevel = settings.Enabled && !string.IsNullOrWhiteSpace(settings.Redis);
    }

    /// <summary>Redis is configured as the shared second level.</summary>
    public bool HasSharedLevel { get; }

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

    /// <summary>Keeps <paramref name="entry"/> in memory: no I/O, so it is done before the response ends.</summary>
    public async ValueTask StoreAsync(string key, CachedStream entry)
    {
        try
        {
            await _cache.SetAsync(key, entry, _storeLocal);
            _metrics.Store();
            await EvictAsync(_budget.Use(key, entry.Size));
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Cache store failed; the stream was relayed but not kept");
        }
    }

    /// <summary>
    /// Writes <paramref name="entry"/> to the shared level (Redis), once the response has ended: a slow or absent Redis
    /// never delays a client (<see cref="BestEffortDistributedCache"/> bounds and counts the write).
    /// </summary>
    public async Task StoreSharedAsync(string key, CachedStream entry)
    {
        try
        {
            await _cache.SetAsync(key, entry, _storeShared);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Cache store in Redis failed; the stream is kept in this relay's memory only");
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
