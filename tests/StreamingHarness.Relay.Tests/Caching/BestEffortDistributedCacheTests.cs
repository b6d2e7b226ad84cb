using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>The bounded, breaker-guarded Redis level on virtual time: a Redis that never answers.</summary>
public sealed class BestEffortDistributedCacheTests
{
    [Fact]
    public async Task GetAsync_RedisHangs_MissAfterTheTimeout_ThenTheBreakerSkipsRedis_ThenATrialCloses()
    {
        var clock = new TestClock();
        var redis = new HangingCache();
        var health = new SharedCacheHealth();
        var metrics = TestMetrics.Create();
        using var calls = TestMetrics.Collect<long>(metrics, CacheMetrics.RedisCalls);
        var cache = new BestEffortDistributedCache(
            redis, new CacheOptions(), health, new CacheMetrics(metrics, health), clock, NullLogger<BestEffortDistributedCache>.Instance);

        for (var i = 0; i < 2; i++)
        {
            var lookup = cache.GetAsync("k", TestContext.Current.CancellationToken);
            await Eventually.WaitUntilAsync(() => clock.PendingTimers > 0, "the look-up waits on its timeout");
            clock.Advance(TimeSpan.FromMilliseconds(49));
            lookup.IsCompleted.ShouldBeFalse();
            clock.Advance(TimeSpan.FromMilliseconds(1));
            (await lookup).ShouldBeNull();
        }

        var skipped = cache.GetAsync("k", TestContext.Current.CancellationToken);

        skipped.IsCompleted.ShouldBeTrue("an open circuit answers at once");
        (await skipped).ShouldBeNull();
        redis.Calls.ShouldBe(2);
        health.IsDown.ShouldBeTrue();
        calls.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!).ShouldBe(["timeout", "timeout", "skipped"]);

        clock.Advance(TimeSpan.FromSeconds(5));
        redis.Answer = [1, 2, 3];
        (await cache.GetAsync("k", TestContext.Current.CancellationToken)).ShouldBe([1, 2, 3]);
        health.IsDown.ShouldBeFalse();
    }

    /// <summary>A Redis whose look-ups never complete until <see cref="Answer"/> is set.</summary>
    private sealed class HangingCache : IDistributedCache
    {
        public int Calls { get; private set; }

        public byte[]? Answer { get; set; }

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            Calls++;
            return Answer is { } answer ? Task.FromResult<byte[]?>(answer) : new TaskCompletionSource<byte[]?>().Task;
        }

        public byte[]? Get(string key) => throw new NotSupportedException();

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            new TaskCompletionSource().Task;

        public void Refresh(string key) => throw new NotSupportedException();

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;
    }
}
