using System.Net;
using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>Redis killed and started again under a running relay (a real <c>redis-server</c>).</summary>
public sealed class RedisOutageTests
{
    private const string Degraded = "ready, degraded: Redis (Relay:Cache:Redis) is unavailable, cache in memory only\n";

    [Fact]
    public async Task Post_RedisKilledThenRestarted_BreakerSkipsRedis_ReadyzDegraded_ThenRecovers()
    {
        var redis = await RedisServer.StartAsync();
        var port = redis.Port;
        // Timings for a loaded machine (load 30-60), where this test failed: the request path's 50 ms timeouts timed out
        // the first lookups against a live Redis, and a 0.5 s break half-opened before the request that must be skipped.
        // The test is about the breaker, /readyz and the recovery; BestEffortDistributedCacheTests hold the timeouts.
        var settings = CachedRun.Settings(
            ("Redis", $"{redis.ConnectionString},connectTimeout=500"),
            ("RedisLookupTimeout", "00:00:01"),
            ("RedisStoreTimeout", "00:00:01"),
            ("RedisBreakDuration", "00:00:05"));
        settings["Relay:RateLimits:Enabled"] = "false";
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", "Still here.")], settings);
        using var redisCalls = TestMetrics.Collect<long>(env.Relay, CacheMetrics.RedisCalls);
        var seed = 0;

        (await PostAsync(env, ++seed)).ShouldBeMissThatCompleted();
        await CachedRun.WaitForSharedStoreAsync(redisCalls);
        await redis.DisposeAsync();

        // Each request is a new stream (its own seed): a miss in memory, so a look-up in Redis until the breaker opens.
        await Eventually.WaitAsync(
            async () =>
            {
                (await PostAsync(env, ++seed)).ShouldBeMissThatCompleted();
                return await ReadyAsync(env);
            },
            ready => ready == Degraded,
            "the breaker opened and /readyz reports Redis down",
            TimeSpan.FromSeconds(45));
        var skippedBefore = Count(redisCalls, "get", "skipped");
        var whileDown = await PostAsync(env, ++seed);

        whileDown.ShouldBeMissThatCompleted();
        whileDown.Body.ShouldContain("event: done\n");
        Count(redisCalls, "get", "skipped").ShouldBe(skippedBefore + 1, "the look-up did not wait for Redis");

        await using var restarted = await StartRedisAsync(port);
        await Eventually.WaitAsync(
            async () =>
            {
                (await PostAsync(env, ++seed)).ShouldBeMissThatCompleted();
                return await ReadyAsync(env);
            },
            ready => ready == "ready\n",
            "Redis answers again and the breaker closed",
            TimeSpan.FromSeconds(45));
    }

    private static Task<CachedRun> PostAsync(RelayOverFake env, int seed) =>
        CachedRun.PostAsync(
            env.Client, "/stream/chat", CachedRun.SseSeeded.Replace("\"seed\":7", $"\"seed\":{seed}", StringComparison.Ordinal));

    private static async Task<string> ReadyAsync(RelayOverFake env)
    {
        using var response = await RelayHttp.GetAsync(env.Client, "/readyz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a Redis outage degrades the relay; it does not make it unready");
        return await RelayHttp.ReadTextAsync(response);
    }

    private static int Count(
        Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long> calls, string operation, string result) =>
        calls.GetMeasurementSnapshot().Count(m => Equals(m.Tags["operation"], operation) && Equals(m.Tags["result"], result));

    /// <summary>
    /// redis-server again on the port the relay knows; <see cref="RedisServer"/> always takes a fresh port, so the restart
    /// is started here with the same flags.
    /// </summary>
    private static async Task<IAsyncDisposable> StartRedisAsync(int port)
    {
        var folder = new StreamingHarness.Testing.Files.TempFolder();
        var process = await ServerProcess.StartAsync(
            ServerProcess.FindOnPath("redis-server")!,
            ["--port", $"{port}", "--bind", "127.0.0.1", "--dir", folder.Path, "--save", "", "--appendonly", "no"],
            () => Task.FromResult(Answers(port)),
            $"redis-server answers on port {port} again");
        return new Restarted(process, folder);
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private sealed class Restarted(ServerProcess process, StreamingHarness.Testing.Files.TempFolder folder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync();
            folder.Dispose();
        }
    }
}
