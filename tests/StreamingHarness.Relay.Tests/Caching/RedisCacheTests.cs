extern alias fake;
using Shouldly;
using StreamingHarness.Testing.Network;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>Redis as the shared second level, against a real <c>redis-server</c>.</summary>
public sealed class RedisCacheTests
{
    private const string Answer = "Shared through Redis.";

    [Fact]
    public async Task StreamChat_TwoRelaysSharingRedis_SecondRelayHitsWithoutItsUpstream()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = CachedRun.Settings(("Redis", redis.ConnectionString));
        await using var first = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);
        await using var second = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);

        var miss = await CachedRun.PostAsync(first.Client, "/stream/chat", CachedRun.SseSeeded);
        var hit = await CachedRun.PostAsync(second.Client, "/stream/chat", CachedRun.SseSeeded);

        miss.ShouldBeMissThatCompleted();
        hit.Cache.ShouldBe("hit");
        hit.AfterStart.ShouldBe(miss.AfterStart);
        first.Fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(1);
        second.Fake.Journal.Entries.ShouldNotContain(e => e.Path == "/api/chat");
    }

    [Fact]
    public async Task ApiChat_TwoRelaysSharingRedis_NdjsonHitIsByteIdentical()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = CachedRun.Settings(("Redis", redis.ConnectionString));
        await using var first = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);
        await using var second = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);

        var miss = await CachedRun.PostAsync(first.Client, "/api/chat", CachedRun.ApiSeeded);
        var hit = await CachedRun.PostAsync(second.Client, "/api/chat", CachedRun.ApiSeeded);

        (miss.Cache, hit.Cache).ShouldBe(("miss", "hit"));
        hit.Body.ShouldBe(miss.Body);
        second.Fake.Journal.Entries.ShouldNotContain(e => e.Path == "/api/chat");
    }

    [Fact]
    public async Task StreamChat_RedisDown_StreamIsRelayedAsAMiss()
    {
        var settings = CachedRun.Settings(("Redis", $"127.0.0.1:{FreePort.Next()},connectTimeout=500"));
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);

        var first = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);

        first.ShouldBeMissThatCompleted();
        first.Body.ShouldContain("event: done\n");
    }
}
