using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>Redis as the shared second level, against each server of <see cref="RedisServers"/>.</summary>
public sealed class RedisCacheTests
{
    private const string Answer = "Shared through Redis.";

    public static TheoryData<string, string, string> SharedCases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var server in RedisServers.Available())
        {
            cases.Add(server, "/stream/chat", CachedRun.SseSeeded);
            cases.Add(server, "/api/chat", CachedRun.ApiSeeded);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(SharedCases))]
    public async Task Post_TwoRelaysSharingRedis_SecondRelayHitsWithoutItsUpstream(string server, string path, string body)
    {
        await using var redis = await RedisServers.StartAsync(server);
        var settings = CachedRun.SharedRedisSettings(redis.ConnectionString);
        await using var first = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);
        await using var second = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);
        using var redisCalls = TestMetrics.Collect<long>(first.Relay, CacheMetrics.RedisCalls);

        var miss = await CachedRun.PostAsync(first.Client, path, body);
        await CachedRun.WaitForSharedStoreAsync(redisCalls);
        var hit = await CachedRun.PostAsync(second.Client, path, body);

        miss.ShouldBeMissThatCompleted();
        hit.Cache.ShouldBe("hit");
        hit.Replayed.ShouldBe(miss.Replayed);
        hit.Replayed.ShouldContain("\"done_reason\"");
        first.Fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(1);
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
