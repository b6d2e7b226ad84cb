namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Whether the shared second level (Redis) is in use, as its circuit breaker last said: <c>/readyz</c> reports an outage
/// as degraded (still 200: the relay serves from memory and the upstream), and <c>relay.cache.redis.up</c> as 0.
/// </summary>
internal sealed class SharedCacheHealth
{
    private volatile bool _down;

    public bool IsDown => _down;

    public void Down() => _down = true;

    public void Up() => _down = false;
}
