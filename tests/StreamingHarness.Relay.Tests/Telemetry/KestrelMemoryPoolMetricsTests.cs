using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Telemetry;

/// <summary>
/// Kestrel's memory pool meters cost every write a few aggregations: off by default, on with a setting. On a real socket,
/// where Kestrel's pool serves the response.
/// </summary>
public sealed class KestrelMemoryPoolMetricsTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task Metrics_AfterAStreamOnKestrel_HaveThePoolMetersOnlyWhenAskedFor(string? setting, bool expected)
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("short", "one two three")],
            setting is null ? null : new Dictionary<string, string?> { ["Relay:Telemetry:KestrelMemoryPoolMetrics"] = setting },
            kestrel: true);
        using var stream = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("short"));
        (await RelayHttp.ReadEventsAsync(stream))[^1].Type.ShouldBe("done");

        using var scrape = await RelayHttp.GetAsync(env.Client, "/metrics");
        var text = await RelayHttp.ReadTextAsync(scrape);

        text.ShouldContain("kestrel_", customMessage: text);
        text.Contains("aspnetcore_memory_pool_", StringComparison.Ordinal).ShouldBe(expected, customMessage: text);
    }
}
