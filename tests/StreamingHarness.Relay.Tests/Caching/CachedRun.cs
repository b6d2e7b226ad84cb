using System.Net;
using System.Text;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>One request to a relay with the cache on: its status, its <c>X-Relay-Cache</c> header and its exact body.</summary>
public sealed record CachedRun(HttpStatusCode Status, string? Cache, string RequestId, string Body)
{
    public const string SseSeeded = """{"model":"fixed","messages":[{"role":"user","content":"why?"}],"seed":7}""";

    public const string ApiSeeded = """{"model":"fixed","messages":[{"role":"user","content":"why?"}],"options":{"seed":7}}""";

    /// <summary>The cache on, with its other settings from <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Relay:Cache:Enabled"] = "true" };
        foreach (var (key, value) in extra)
        {
            settings["Relay:Cache:" + key] = value;
        }

        return settings;
    }

    /// <summary>
    /// For tests of what relays share through a live Redis, not of outages: the request path's 50 ms lookup timeout
    /// timed out the first lookups on a loaded machine (load 30), the breaker then skipped the store, and the second
    /// relay missed. Seconds here keep those tests about sharing.
    /// </summary>
    public static Dictionary<string, string?> SharedRedisSettings(string connectionString) =>
        Settings(("Redis", connectionString), ("RedisLookupTimeout", "00:00:05"), ("RedisStoreTimeout", "00:00:05"));

    /// <summary>The SSE body after its <c>start</c> event (the one event a replay writes afresh).</summary>
    public string AfterStart => Body[(Body.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];

    /// <summary>What a hit must repeat byte for byte: an SSE body after its <c>start</c>, an ndjson body whole.</summary>
    public string Replayed => Body.StartsWith("id: 0\nevent: start\n", StringComparison.Ordinal) ? AfterStart : Body;

    public static async Task<CachedRun> PostAsync(HttpClient client, string path, string body, string? apiKey = null)
    {
        using var response = await RelayHttp.PostAsync(
            client, path, body, request => request.Headers.Authorization = apiKey is null ? null : new("Bearer", apiKey));
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var cache = response.Headers.TryGetValues(CachingStreamRelay.HeaderName, out var values) ? values.Single() : null;
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.Single() : "";
        return new CachedRun(response.StatusCode, cache, requestId, text);
    }

    /// <summary>
    /// Waits until the relay behind <paramref name="redisCalls"/> has written a stream to Redis, which it does once the
    /// response has ended, so a client may well have its answer before the other relays can share it.
    /// </summary>
    public static Task WaitForSharedStoreAsync(MetricCollector<long> redisCalls, int stores = 1) =>
        Eventually.WaitAsync(
            () => redisCalls.GetMeasurementSnapshot().Select(m => $"{m.Tags["operation"]}:{m.Tags["result"]}").ToList(),
            calls => calls.Count(call => call == "set:ok") >= stores,
            $"{stores} stream(s) stored in Redis");

    public void ShouldBeMissThatCompleted()
    {
        Status.ShouldBe(HttpStatusCode.OK, Body);
        Cache.ShouldBe("miss");
    }
}
