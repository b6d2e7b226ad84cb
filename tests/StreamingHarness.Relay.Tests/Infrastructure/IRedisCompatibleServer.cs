namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>A Redis-protocol server a cache test started for itself, on a free loopback port.</summary>
public interface IRedisCompatibleServer : IAsyncDisposable
{
    /// <summary>The StackExchange.Redis connection string for <c>Relay:Cache:Redis</c>.</summary>
    string ConnectionString { get; }
}
