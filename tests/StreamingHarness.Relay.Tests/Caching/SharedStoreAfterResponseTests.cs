using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>The write to the shared level happens after the response has ended, never before it.</summary>
public sealed class SharedStoreAfterResponseTests
{
    [Fact]
    public async Task Post_RedisWriteNeverFinishes_ClientStillGetsTheWholeStream_AndTheWriteComesAfter()
    {
        var redis = new StalledWrites();
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", "Not held up.")],
            CachedRun.Settings(("Redis", "127.0.0.1:1")),
            kestrel: true,
            services: services => services.AddSingleton<IDistributedCache>(redis));

        var run = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded)
            .WaitAsync(Eventually.DefaultDeadline, TestContext.Current.CancellationToken);

        run.ShouldBeMissThatCompleted();
        run.Body.ShouldEndWith("\n\n");
        run.Body.ShouldContain("event: done\n");
        await Eventually.WaitUntilAsync(() => redis.Writes == 1, "the stream is written to Redis after the response");
        redis.Release();
    }

    /// <summary>A shared level that has nothing and whose writes do not complete until released.</summary>
    private sealed class StalledWrites : IDistributedCache
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult<byte[]?>(null);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Interlocked.Increment(ref _writes);
            return _release.Task;
        }

        public void Release() => _release.TrySetResult();

        public byte[]? Get(string key) => null;

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public void Refresh(string key) => throw new NotSupportedException();

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;
    }
}
