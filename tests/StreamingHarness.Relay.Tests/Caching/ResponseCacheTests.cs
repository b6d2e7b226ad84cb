using System.Net;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>The cache end to end over the fake: what is a hit, what is never cached, and what the client sees.</summary>
public sealed class ResponseCacheTests
{
    private const string Answer = "The sky is blue because of Rayleigh scattering.";

    [Fact]
    public async Task StreamChat_SeededRepeat_MissThenHitWithIdenticalEvents()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], CachedRun.Settings());

        var first = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);
        var second = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);

        first.ShouldBeMissThatCompleted();
        second.Status.ShouldBe(HttpStatusCode.OK);
        second.Cache.ShouldBe("hit");
        second.AfterStart.ShouldBe(first.AfterStart);
        first.AfterStart.ShouldStartWith("id: 1\nevent: token\n");
        first.AfterStart.ShouldEndWith("\n\n");
        first.AfterStart.ShouldContain("event: done\n");

        // The replayed start is the hit's own: its request id, in the same framing.
        var start = (await SseReader.ReadAllAsync(second.Body))[0];
        (start.Type, start.Id).ShouldBe(("start", "0"));
        JsonDocument.Parse(start.Data).RootElement.GetProperty("id").GetString().ShouldBe(second.RequestId);
        second.RequestId.ShouldNotBe(first.RequestId);
        env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/chat", CachedRun.ApiSeeded, "/api/chat")]
    [InlineData("/api/generate", """{"model":"fixed","prompt":"why?","options":{"temperature":0}}""", "/api/generate")]
    [InlineData("/stream/generate", """{"model":"fixed","prompt":"why?","options":{"temperature":0.0}}""", "/api/generate")]
    public async Task Post_DeterministicRepeat_HitIsByteIdentical(string path, string body, string upstreamPath)
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], CachedRun.Settings());

        var first = await CachedRun.PostAsync(env.Client, path, body);
        var second = await CachedRun.PostAsync(env.Client, path, body);

        first.ShouldBeMissThatCompleted();
        second.Cache.ShouldBe("hit");
        second.Replayed.ShouldBe(first.Replayed);
        second.Replayed.ShouldNotBeEmpty();
        env.Fake.Journal.Entries.Count(e => e.Path == upstreamPath).ShouldBe(1);
    }

    [Fact]
    public async Task ApiChat_SameRequestWrittenDifferently_SharesOneEntry()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], CachedRun.Settings());

        var first = await CachedRun.PostAsync(env.Client, "/api/chat", CachedRun.ApiSeeded);
        var reordered = await CachedRun.PostAsync(
            env.Client,
            "/api/chat",
            """
            { "options": {"seed": 7.0}, "stream": true, "keep_alive": "5m",
              "messages": [{"content": "why?", "role": "user"}], "model": "fixed" }
            """);

        first.Cache.ShouldBe("miss");
        reordered.Cache.ShouldBe("hit");
        reordered.Body.ShouldBe(first.Body);
    }

    [Theory]
    [InlineData("""{"model":"fixed","messages":[{"role":"user","content":"why?"}]}""")]
    [InlineData("""{"model":"fixed","messages":[{"role":"user","content":"why?"}],"options":{"temperature":0.7}}""")]
    [InlineData("""{"model":"fixed","messages":[{"role":"user","content":"why?"}],"options":{"seed":7},"stream":false}""")]
    [InlineData("""{"model":"fixed","messages":[],"options":{"seed":7},"tools":[{"type":"function","function":{"name":"f"}}]}""")]
    public async Task ApiChat_NotDeterministic_IsNeverCached(string body)
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], CachedRun.Settings());
        using var lookups = TestMetrics.Collect<long>(env.Relay, CacheMetrics.Lookups);

        var first = await CachedRun.PostAsync(env.Client, "/api/chat", body);
        var second = await CachedRun.PostAsync(env.Client, "/api/chat", body);

        (first.Cache, second.Cache).ShouldBe((null, null));
        env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(2);
        lookups.GetMeasurementSnapshot().ShouldBeEmpty();
    }

    [Fact]
    public async Task StreamChat_CacheOff_SeededRepeatGoesUpstreamWithoutHeader()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)]);

        var first = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);
        var second = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);

        (first.Cache, second.Cache).ShouldBe((null, null));
        env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(2);
    }

    [Fact]
    public async Task StreamChat_TwoApiKeys_EachHasItsOwnEntries()
    {
        const string Alice = "alice-key-0123456789";
        const string Bob = "bob-key-0123456789ab";
        var settings = CachedRun.Settings();
        settings["Relay:Auth:ApiKeys:0"] = Alice;
        settings["Relay:Auth:ApiKeys:1"] = Bob;
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], settings);

        var alice = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded, Alice);
        var bob = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded, Bob);
        var aliceAgain = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded, Alice);
        var bobAgain = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded, Bob);

        (alice.Cache, bob.Cache, aliceAgain.Cache, bobAgain.Cache).ShouldBe(("miss", "miss", "hit", "hit"));
        env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(2);
    }

    [Fact]
    public async Task StreamChat_MissThenHit_CountedInTheRelayMetrics()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], CachedRun.Settings());
        using var lookups = TestMetrics.Collect<long>(env.Relay, CacheMetrics.Lookups);
        using var stored = TestMetrics.Collect<long>(env.Relay, CacheMetrics.Stored);
        using var ended = TestMetrics.Collect<long>(env.Relay, "relay.streams.ended");

        await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);
        await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);

        lookups.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["result"])).ShouldBe([(1L, (object?)"miss"), (1L, "hit")]);
        stored.GetMeasurementSnapshot().Select(m => m.Value).ShouldBe([1L]);
        ended.GetMeasurementSnapshot().Select(m => m.Tags["code"]).ShouldBe(["done", "done"]);
    }
}
