using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;

namespace StreamingHarness.Relay.Tests.Caching;

/// <summary>Only a stream that ended with <c>done</c>, to a client that stayed, is ever stored.</summary>
public sealed class CacheFaultTests
{
    [Theory]
    [InlineData("error-midstream", HttpStatusCode.OK)]
    [InlineData("silent-truncation", HttpStatusCode.OK)]
    [InlineData("early-eof", HttpStatusCode.OK)]
    [InlineData("after-done", HttpStatusCode.OK)]
    [InlineData("malformed-line", HttpStatusCode.OK)]
    [InlineData("http-500", HttpStatusCode.BadGateway)]
    public async Task StreamChat_FaultScenario_IsNotStored(string scenario, HttpStatusCode status)
    {
        await using var env = await RelayOverFake.StartAsync(settings: CachedRun.Settings(), builtInScenarios: true);
        using var stored = TestMetrics.Collect<long>(env.Relay, CacheMetrics.Stored);
        var body = $$"""{"model":"{{scenario}}","messages":[{"role":"user","content":"go"}],"seed":1}""";

        var first = await CachedRun.PostAsync(env.Client, "/stream/chat", body);
        var second = await CachedRun.PostAsync(env.Client, "/stream/chat", body);

        (first.Cache, second.Cache).ShouldBe(("miss", "miss"));
        first.Status.ShouldBe(status);
        if (status == HttpStatusCode.OK)
        {
            first.Body.ShouldContain("event: error\n");
            first.Body.ShouldNotContain("event: done\n");
        }

        stored.GetMeasurementSnapshot().ShouldBeEmpty();
        env.Relay.Services.GetRequiredService<ResponseCache>().Count.ShouldBe(0);
    }

    [Fact]
    public async Task ApiChat_SilentTruncation_ErrorLineIsNotStored()
    {
        await using var env = await RelayOverFake.StartAsync(settings: CachedRun.Settings(), builtInScenarios: true);
        const string Body = """{"model":"silent-truncation","messages":[{"role":"user","content":"go"}],"options":{"seed":1}}""";

        var first = await CachedRun.PostAsync(env.Client, "/api/chat", Body);
        var second = await CachedRun.PostAsync(env.Client, "/api/chat", Body);

        first.Body.ShouldEndWith("\"}\n");
        first.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].ShouldStartWith("{\"error\":");
        (first.Cache, second.Cache).ShouldBe(("miss", "miss"));
    }

    [Fact]
    public async Task StreamChat_ClientLeavesMidStream_IsNotStored()
    {
        // TestFaults strike once per scenario: the first request stalls after two tokens, later ones run to done.
        var stalling = RelayOverFake.Fixed("fixed", "one two three four five", t => t.Faults.Add(TestFaults.StallAfter(2)));
        await using var env = await RelayOverFake.StartAsync([stalling], CachedRun.Settings(), kestrel: true);

        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);
            response.Headers.GetValues(CachingStreamRelay.HeaderName).Single().ShouldBe("miss");
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
            await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(cts.Token))
            {
                if (item.EventType == "token")
                {
                    break;
                }
            }
        }

        await Eventually.WaitUntilAsync(
            () => env.Fake.Journal.Entries.SingleOrDefault(e => e.Path == "/api/chat") is { IsFinished: true },
            "the relay let go of the abandoned upstream request");
        var metrics = env.Relay.Services.GetRequiredService<Metrics.RelayMetrics>();
        await Eventually.WaitUntilAsync(() => metrics.ActiveStreams == 0, "the stream closed");

        var second = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);
        var third = await CachedRun.PostAsync(env.Client, "/stream/chat", CachedRun.SseSeeded);

        second.ShouldBeMissThatCompleted();
        second.Body.ShouldContain("event: done\n");
        third.Cache.ShouldBe("hit");
    }
}
