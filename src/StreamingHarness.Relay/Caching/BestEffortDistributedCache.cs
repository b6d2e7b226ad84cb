using Microsoft.Extensions.Caching.Distributed;
using Polly;
using Polly.CircuitBreaker;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Redis as a best-effort second level under HybridCache: every call waits at most its timeout
/// (<see cref="CacheOptions.RedisLookupTimeout"/> on the request path, <see cref="CacheOptions.RedisStoreTimeout"/> for
/// writes made after the response), and a circuit breaker (Polly.Core) skips Redis altogether while it keeps failing, so
/// an outage costs a request nothing. A failure is a miss or a skipped write, never an exception. StackExchange.Redis
/// takes no cancellation token per command, hence the wait bounded here rather than a token passed down.
/// </summary>
internal sealed class BestEffortDistributedCache : IDistributedCache
{
    private readonly IDistributedCache _inner;
    private readonly CacheOptions _options;
    private readonly CacheMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _breaker;

    public BestEffortDistributedCache(
        IDistributedCache inner, CacheOptions options, SharedCacheHealth health, CacheMetrics metrics, TimeProvider time,
        ILogger<BestEffortDistributedCache> logger)
    {
        _inner = inner;
        _options = options;
        _metrics = metrics;
        _time = time;
        _breaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.RedisBreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(),
                OnOpened = args =>
                {
                    health.Down();
                    logger.LogWarning(
                        args.Outcome.Exception,
                        "Redis (Relay:Cache:Redis) is failing; cached streams are looked up in memory only for {BreakDuration}",
                        args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    health.Up();
                    logger.LogInformation("Redis (Relay:Cache:Redis) answers again; it is the shared second level again");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>One look-up outside the timeout and the breaker, to open the connection; its outcome does not matter.</summary>
    public async Task WarmUpAsync()
    {
        try
        {
            await _inner.GetAsync("warm-up").ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Redis is down at start-up: the breaker will learn it from the first requests.
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await RunAsync(
            "get", _options.RedisLookupTimeout, (cache, ct) => cache.GetAsync(key, ct), default(byte[]), token).ConfigureAwait(false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync("set", _options.RedisStoreTimeout, async (cache, ct) =>
        {
            await cache.SetAsync(key, value, options, ct).ConfigureAwait(false);
            return true;
        }, false, token);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        RunAsync("refresh", _options.RedisStoreTimeout, async (cache, ct) =>
        {
            await cache.RefreshAsync(key, ct).ConfigureAwait(false);
            return true;
        }, false, token);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        RunAsync("remove", _options.RedisStoreTimeout, async (cache, ct) =>
        {
            await cache.RemoveAsync(key, ct).ConfigureAwait(false);
            return true;
        }, false, token);

    // HybridCache calls the async methods only; a synchronous caller would block a thread on Redis, so none is served.
    public byte[]? Get(string key) => throw SyncNotSupported();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw SyncNotSupported();

    public void Refresh(string key) => throw SyncNotSupported();

    public void Remove(string key) => throw SyncNotSupported();

    private static NotSupportedException SyncNotSupported() =>
        new("The relay's shared cache level is used through its asynchronous methods only.");

    private async Task<T> RunAsync<T>(
        string operation, TimeSpan timeout, Func<IDistributedCache, CancellationToken, Task<T>> call, T fallback, CancellationToken token)
    {
        try
        {
            var result = await _breaker.ExecuteAsync(
                async ct => await call(_inner, ct).WaitAsync(timeout, _time, ct).ConfigureAwait(false), token).ConfigureAwait(false);
            _metrics.Redis(operation, "ok");
            return result;
        }
        catch (BrokenCircuitException)
        {
            _metrics.Redis(operation, "skipped");
            return fallback;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _metrics.Redis(operation, "timeout");
            return fallback;
        }
        catch (Exception)
        {
            _metrics.Redis(operation, "error");
            return fallback;
        }
    }
}
