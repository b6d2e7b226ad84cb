using System.Diagnostics.Metrics;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Caching;

/// <summary>The cache's instruments, on the relay's own meter, so <c>GET /metrics</c> and OTLP export carry them.</summary>
internal sealed class CacheMetrics
{
    public const string Lookups = "relay.cache.lookups";
    public const string Stored = "relay.cache.stored";
    public const string Evicted = "relay.cache.evicted";

    private readonly Counter<long> _lookups;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _evicted;

    public CacheMetrics(RelayMetrics relay)
    {
        _lookups = relay.Meter.CreateCounter<long>(Lookups, "{request}", "Cacheable requests by result: hit or miss");
        _stored = relay.Meter.CreateCounter<long>(Stored, "{stream}", "Completed streams stored in the cache");
        _evicted = relay.Meter.CreateCounter<long>(Evicted, "{stream}", "Streams removed to stay within Relay:Cache bounds");
    }

    public void Lookup(bool hit) => _lookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void Store() => _stored.Add(1);

    public void Evict(int count) => _evicted.Add(count);
}
