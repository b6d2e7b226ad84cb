using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>The same seed gives the same bytes and the same timing script; another seed gives another.</summary>
public sealed class FaultDeterminismTests
{
    private const string Yaml = """
        name: t
        tokens: 40
        faults:
          - kind: slow-tokens
            delay_ms: 20
            jitter_ms: 15
            probability: 0.5
          - kind: malformed-line
            probability: 0.1
            repeat: true
          - kind: empty-chunks
            probability: 0.2
          - kind: disconnect
            after_tokens: 10
            probability: 0.1
        """;

    private static RawHttpRequest Seeded(int seed) => RawHttpRequest.PostJson(
        "/api/generate", "{\"model\":\"t\",\"prompt\":\"hi\",\"options\":{\"seed\":" + seed + "}}");

    /// <summary>
    /// Runs one request on a fresh fake on the real clock (delays scaled down) and returns what a client and the journal saw.
    /// </summary>
    private static async Task<(string Body, BodyEnd End, string Script)> RunAsync(int seed)
    {
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [Scenario(Yaml)], TimeScale = 0.05 }, TestContext.Current.CancellationToken);
        var response = await SendAsync(fake, Seeded(seed));
        var entry = await FinishedEntryAsync(fake);
        var script = string.Join("\n", entry.Faults.Select(f => $"{f.Fault}@{f.AtToken}/{f.AtLine}: {f.Action}"));
        return (Support.Wire.Normalize(response.BodyText), response.End, script);
    }

    [Fact]
    public async Task SameSeed_SameBytesAndSameTimingScript()
    {
        var first = await RunAsync(7);
        var second = await RunAsync(7);

        second.ShouldBe(first);
        first.Script.ShouldContain("slow-tokens@");
        first.Script.ShouldContain("delayed token");
    }

    [Fact]
    public async Task OtherSeeds_FireAtOtherLines()
    {
        var scripts = new HashSet<string>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            scripts.Add((await RunAsync(seed)).Script);
        }

        scripts.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Probability_Zero_NeverFires_One_AlwaysFires()
    {
        await using var fake = await StartAsync(
            FaultYaml.Scenario("never", FaultYaml.Response, ("disconnect", ["after_tokens: 0", "probability: 0"])),
            FaultYaml.Scenario("always", FaultYaml.Response, ("disconnect", ["after_tokens: 0", "probability: 1"])));

        (await SendAsync(fake, Chat("never"))).End.ShouldBe(BodyEnd.ChunkedTerminator);
        (await SendAsync(fake, Chat("always"))).End.ShouldBe(BodyEnd.ConnectionReset);
    }

    [Fact]
    public async Task AtMs_FiresAtTheFirstLineAtOrAfterThatTime()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(
            clock,
            "name: t\nresponse: \"one two three four five\"\ninter_token_ms: 100\nfaults:\n  - kind: abrupt-close\n    at_ms: 250\n");
        var reading = SendAsync(fake, Chat("t"));
        for (var line = 1; line <= 3; line++)
        {
            var expected = line;
            await Eventually.WaitUntilAsync(
                () => clock.PendingTimers == 1 && fake.Journal.Entries.Single().LinesWritten == expected, $"line {line} is out");
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        var response = await reading;

        response.Lines.Count.ShouldBe(3);
        response.End.ShouldBe(BodyEnd.EofWithoutTerminator);
        var firing = (await FinishedEntryAsync(fake)).Faults.Single();
        firing.AtMs.ShouldBe(300);
        firing.AtToken.ShouldBe(3);
    }
}
