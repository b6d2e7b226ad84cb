using System.Diagnostics.Metrics;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Caching;

/// <summary>The cache's instruments, on the relay's own meter, so <c>GET /metrics</c> and OTLP export carry them.</summary>
internal sealed class CacheMetrics
{
    public const string Lookups = "relay.cache.lookups";
    public const string Stored = "relay.cache.stored";
    public const string Evicted = "relay.cache.evicted";
    public const string RedisCalls = "relay.cache.redis.calls";
    public const string RedisUp = "relay.cache.redis.up";

    private readonly Counter<long> _lookups;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _evicted;
    private readonly Counter<long> _redis;

    public CacheMetrics(RelayMetrics relay, SharedCacheHealth health)
    {
        _lookups = relay.Meter.CreateCounter<long>(Lookups, "{request}", "Cacheable requests by result: hit or miss");
        _stored = relay.Meter.CreateCounter<long>(Stored, "{stream}", "Completed streams stored in the cache");
        _evicted = relay.Meter.CreateCounter<long>(Evicted, "{stream}", "Streams removed to stay within Relay:Cache bounds");
        _redis = relay.Meter.CreateCounter<long>(
            RedisCalls, "{call}", "Calls to Redis by operation and result: ok, timeout, error, or skipped (circuit open)");
        relay.Meter.CreateObservableGauge(
            RedisUp, () => health.IsDown ? 0 : 1, "{state}", "1 while Redis is used as the shared level, 0 while its circuit is open");
    }

    public void Lookup(bool hit) => _lookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void Store() => _stored.Add(1);

    public void Evict(int count) => _evicted.Add(count);

    public void Redis(string operation, string result) =>
        _redis.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("result", result));
}
