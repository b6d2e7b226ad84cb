using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary><c>MaxEntries</c>, <c>MaxBytes</c>, <c>MaxEntryBytes</c> and <c>Ttl</c> hold.</summary>
public sealed class CacheBoundsTests
{
    private const string Answer = "Short and deterministic.";

    [Fact]
    public async Task StreamChat_MaxEntriesTwo_LeastRecentlyUsedGoesFirst()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", Answer)], CachedRun.Settings(("MaxEntries", "2")));
        using var evicted = TestMetrics.Collect<long>(env.Relay, CacheMetrics.Evicted);

        await PostSeedAsync(env, 1);
        await PostSeedAsync(env, 2);
        (await PostSeedAsync(env, 1)).ShouldBe("hit");
        await PostSeedAsync(env, 3);

        (await PostSeedAsync(env, 1)).ShouldBe("hit");
        (await PostSeedAsync(env, 2)).ShouldBe("miss");
        evicted.GetMeasurementSnapshot().Sum(m => m.Value).ShouldBe(2);
        env.Relay.Services.GetRequiredService<ResponseCache>().Count.ShouldBe(2);
    }

    [Fact]
    public async Task StreamChat_LongerThanMaxEntryBytes_IsRelayedButNotStored()
    {
        var longAnswer = string.Join(' ', Enumerable.Repeat("word", 400));
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", longAnswer), RelayOverFake.Fixed("short", Answer)],
            CachedRun.Settings(("MaxEntryBytes", "1024")));

        var first = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);
        var second = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);

        first.ShouldBeMissThatCompleted();
        first.Body.ShouldContain("event: done\n");
        second.Cache.ShouldBe("miss");
        (await PostSeedAsync(env, 1, "short")).ShouldBe("miss");
        (await PostSeedAsync(env, 1, "short")).ShouldBe("hit");
    }

    [Fact]
    public async Task StreamChat_TtlPassed_EntryIsGone()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", Answer)], CachedRun.Settings(("Ttl", "00:00:01")));
        var cache = env.Relay.Services.GetRequiredService<ResponseCache>();
        (await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded)).Cache.ShouldBe("miss");
        var upstreamBody = Encoding.UTF8.GetBytes((await env.FinishedUpstreamAsync()).Body!);
        var key = ResponseCacheKey.For("/stream/chat", upstreamBody, "anonymous")!;

        (await cache.GetAsync(key, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        await Eventually.WaitAsync<CachedStream?>(
            () => cache.GetAsync(key, TestContext.Current.CancellationToken).AsTask(), entry => entry is null, "the entry expired");

        (await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded)).Cache.ShouldBe("miss");
    }

    [Fact]
    public void Use_OverBytesOrEntries_EvictsLeastRecentlyUsed()
    {
        var budget = new CacheBudget(maxEntries: 3, maxBytes: 100);

        budget.Use("a", 40).ShouldBeEmpty();
        budget.Use("b", 40).ShouldBeEmpty();
        budget.Use("a", 40).ShouldBeEmpty();
        budget.Use("c", 40).ShouldBe(["b"]);
        budget.Use("d", 10).ShouldBeEmpty();
        budget.Use("e", 10).ShouldBe(["a"]);
        budget.Count.ShouldBe(3);
        budget.Use("huge", 1000).ShouldBe(["c", "d", "e"]);
        budget.Count.ShouldBe(1);
    }

    private static async Task<string?> PostSeedAsync(RelayOverFake env, int seed, string model = "fixed") =>
        (await CachedRun.PostAsync(
            env.Client, "/stream/chat", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"why?"}],"seed":{{seed}}}""")).Cache;
}
