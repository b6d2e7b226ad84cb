using System.Net;
using System.Text.Json;
using Shouldly;
using static StreamingHarness.Harness.Tests.Verify.NaiveRelays.NaiveRelayRun;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// The defects of <see cref="NaiveOllamaProxy"/> as an Ollama client sees its ndjson. Stall and client-disconnect
/// share <see cref="NaiveUpstream"/> with the SSE relay and are pinned in <see cref="NaiveSseRelayTests"/>.
/// </summary>
public sealed class NaiveOllamaProxyTests
{
    private static async Task<(HttpStatusCode Status, List<string> Lines)> ChatAsync(Uri proxy, string model)
    {
        using var response = await PostAsync(proxy, "/api/chat", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"go"}]}""");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
    }

    private static List<string> Texts(IEnumerable<string> lines) =>
        [.. lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(c => c.TryGetProperty("message", out var m) && m.GetProperty("content").GetString() is { Length: > 0 })
            .Select(c => c.GetProperty("message").GetProperty("content").GetString()!)];

    private static string Kind(string line)
    {
        var chunk = JsonDocument.Parse(line).RootElement;
        return chunk.TryGetProperty("error", out _) ? "error" : chunk.GetProperty("done").GetBoolean() ? "done" : "chunk";
    }

    [Fact]
    public async Task NoDefects_Trickle_EveryLineWholeAndInOrder()
    {
        await using var fake = await StartFakeAsync();
        await using var proxy = await NaiveOllamaProxy.StartAsync(fake.BaseAddress);

        var (status, lines) = await ChatAsync(proxy.BaseAddress, "trickle");

        status.ShouldBe(HttpStatusCode.OK);
        Texts(lines).ShouldBe(await UpstreamTextsAsync(fake.BaseAddress, "trickle"));
        Kind(lines[^1]).ShouldBe("done");
    }

    [Fact]
    public async Task SplitEachRead_Trickle_ForwardsThePiecesAsBrokenLines()
    {
        await using var fake = await StartFakeAsync(timeScale: 1);
        await using var proxy = await NaiveOllamaProxy.StartAsync(
            fake.BaseAddress, new NaiveRelayOptions { Defects = NaiveDefects.SplitEachRead });

        var (_, lines) = await ChatAsync(proxy.BaseAddress, "trickle");

        Should.Throw<JsonException>(() => JsonDocument.Parse(lines[1]));
        Kind(lines[^1]).ShouldBe("error");
    }

    [Theory]
    [InlineData("error-midstream", NaiveDefects.None, "error")]
    [InlineData("error-midstream", NaiveDefects.IgnoreInBandErrors, "done")]
    [InlineData("legacy-error", NaiveDefects.None, "error")]
    [InlineData("legacy-error", NaiveDefects.IgnoreInBandErrors, "done")]
    [InlineData("early-eof", NaiveDefects.None, "error")]
    [InlineData("early-eof", NaiveDefects.CompleteWithoutDone, "done")]
    public async Task UnfinishedUpstream_EndsInAnErrorLineUnlessMadeUpAsDone(string scenario, NaiveDefects defects, string last)
    {
        await using var fake = await StartFakeAsync();
        await using var proxy = await NaiveOllamaProxy.StartAsync(fake.BaseAddress, new NaiveRelayOptions { Defects = defects });

        var (status, lines) = await ChatAsync(proxy.BaseAddress, scenario);

        status.ShouldBe(HttpStatusCode.OK);
        Texts(lines).ShouldBe(await UpstreamTextsAsync(fake.BaseAddress, scenario));
        lines.Select(Kind).Count(k => k != "chunk").ShouldBe(1);
        Kind(lines[^1]).ShouldBe(last);
    }

    [Fact]
    public async Task NoDefects_UpstreamRefuses_StatusAndBodyPassThrough()
    {
        await using var fake = await StartFakeAsync();
        await using var proxy = await NaiveOllamaProxy.StartAsync(fake.BaseAddress);

        var (status, lines) = await ChatAsync(proxy.BaseAddress, "overloaded-503");

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        lines.ShouldHaveSingleItem().ShouldStartWith("""{"error":""");
    }
}
