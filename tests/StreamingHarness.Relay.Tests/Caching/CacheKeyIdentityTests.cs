using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>Cache entries belong to an API key itself, not to its position in a relay's configuration.</summary>
public sealed class CacheKeyIdentityTests
{
    private const string Alice = "alice-key-0123456789";
    private const string Bob = "bob-key-0123456789ab";

    [Fact]
    public async Task Post_TwoRelaysOnOneRedis_KeysInOtherOrders_ShareEntriesPerKeyOnly()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var aliceFirst = await StartAsync(redis, Alice, Bob);
        await using var bobFirst = await StartAsync(redis, Bob, Alice);
        using var redisCalls = TestMetrics.Collect<long>(aliceFirst.Relay, CacheMetrics.RedisCalls);

        var alice = await CachedRun.PostAsync(aliceFirst.Client, "/stream/chat", CachedRun.SseSeeded, Alice);
        await CachedRun.WaitForSharedStoreAsync(redisCalls);
        var bobAtTheSamePosition = await CachedRun.PostAsync(bobFirst.Client, "/stream/chat", CachedRun.SseSeeded, Bob);
        var aliceElsewhere = await CachedRun.PostAsync(bobFirst.Client, "/stream/chat", CachedRun.SseSeeded, Alice);

        alice.ShouldBeMissThatCompleted();
        bobAtTheSamePosition.Cache.ShouldBe("miss", "Bob is key 0 on the second relay, as Alice is on the first");
        aliceElsewhere.Cache.ShouldBe("hit", "Alice's entry follows Alice to the relay where she is key 1");
    }

    private static Task<RelayOverFake> StartAsync(RedisServer redis, string key0, string key1)
    {
        var settings = CachedRun.SharedRedisSettings(redis.ConnectionString);
        settings["Relay:Auth:ApiKeys:0"] = key0;
        settings["Relay:Auth:ApiKeys:1"] = key1;
        return RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", "Per key.")], settings);
    }
}
