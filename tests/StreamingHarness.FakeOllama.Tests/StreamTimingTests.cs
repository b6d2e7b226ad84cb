using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class StreamTimingTests
{
    private static HttpRequestMessage Chat(string model) => new(HttpMethod.Post, "api/chat")
    {
        Content = new StringContent(
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task Headers_AreHeldUntilTheFirstChunkExists()
    {
        var clock = new TestClock();
        var scenario = new Scenario { Name = "slow", Response = "Hi", LoadMs = 500, FirstTokenMs = 1500 };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario], TimeProvider = clock }, TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);

        var headers = client.SendAsync(Chat("slow"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the fake waits in its load delay");
        headers.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.WaitUntilAsync(
            () => clock.PendingTimers == 1 && fake.Journal.Entries.Single().LinesWritten == 0, "the fake waits in its first-token delay");
        headers.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(1500));
        using var response = await headers;
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/x-ndjson");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldContain("\"load_duration\":500000000,\"prompt_eval_count\":1,\"prompt_eval_duration\":1500000000");
        body.ShouldContain("\"total_duration\":2000000000,");
    }

    [Fact]
    public async Task TokensPerSecond_SpacesTokensOnTheScenarioClock_AndMetricsAgree()
    {
        var clock = new TestClock();
        var scenario = new Scenario { Name = "paced", Response = "a b c", TokensPerSecond = 10 };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario], TimeProvider = clock }, TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);

        var reading = client.SendAsync(Chat("paced"), TestContext.Current.CancellationToken);
        for (var token = 1; token < 3; token++)
        {
            var expectedLines = token;
            await Eventually.WaitUntilAsync(
                () => clock.PendingTimers == 1 && fake.Journal.Entries.Single().LinesWritten == expectedLines, $"token {token} is out");
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        var body = await (await reading).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldContain("\"eval_count\":3,\"eval_duration\":200000000}");
        var entry = await fake.Journal.WaitForAsync(_ => true, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        entry.LineTimesMs.ShouldBe([0, 100, 200, 200]);
        entry.LineTextEnds.ShouldBe([1, 3, 5, 5]);
        entry.StartMonotonicNs.ShouldBe(0, "a virtual clock's timestamps are not host time");
    }

    [Fact]
    public async Task TimeScale_ShrinksEveryDelay()
    {
        var clock = new TestClock();
        var scenario = new Scenario { Name = "scaled", Response = "Hi", FirstTokenMs = 1000, TimeScale = 0.5 };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario], TimeProvider = clock, TimeScale = 0.1 }, TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);

        var reading = client.SendAsync(Chat("scaled"), TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the fake waits for its first token");
        clock.Advance(TimeSpan.FromMilliseconds(50));

        var body = await (await reading).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldContain("\"prompt_eval_duration\":50000000,");
    }

    [Fact]
    public async Task PauseAfterTokens_HoldsStreamsOpenUntilRelease()
    {
        var scenario = new Scenario { Name = "held", Response = "one two three", PauseAfterTokens = 2 };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario] }, TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);

        var first = client.SendAsync(Chat("held"), TestContext.Current.CancellationToken);
        var second = client.SendAsync(Chat("held"), TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => fake.PausedStreams == 2, "both streams are paused");
        fake.ActiveStreams.ShouldBe(2);
        fake.Journal.Entries.ShouldAllBe(e => e.TokensDelivered == 2 && e.Ending == StreamEnding.InProgress);

        (await client.GetStringAsync("__stats", TestContext.Current.CancellationToken)).ShouldContain("\"active_streams\":2}");

        using var release = await client.PostAsync("__fake/release", null, TestContext.Current.CancellationToken);
        (await release.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"released":2}""");
        (await (await first).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"eval_count\":3");
        (await (await second).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"eval_count\":3");
    }

    [Fact]
    public async Task ClientDisconnect_IsJournalledWithTheTokenCount()
    {
        var scenario = new Scenario { Name = "held", Response = "one two three", PauseAfterTokens = 2 };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario] }, TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var response = await client.SendAsync(Chat("held"), HttpCompletionOption.ResponseHeadersRead, leaving.Token);
        await Eventually.WaitUntilAsync(() => fake.PausedStreams == 1, "the stream is paused");
        response.Dispose();
        client.Dispose();

        var entry = await fake.Journal.WaitForAsync(_ => true, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        entry.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        entry.Detail.ShouldBe("client disconnected at token 2");
        fake.ActiveStreams.ShouldBe(0);
    }

    /// <summary>The real clock: the request's start is a Stopwatch timestamp, read between the test's own two readings.</summary>
    [Fact]
    public async Task Journal_RealClock_StartsOnTheHostsMonotonicClock()
    {
        var scenario = new Scenario { Name = "now", Response = "a b" };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario] }, TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);
        var before = System.Diagnostics.Stopwatch.GetTimestamp();

        using var response = await client.SendAsync(Chat("now"), TestContext.Current.CancellationToken);
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var after = System.Diagnostics.Stopwatch.GetTimestamp();

        var entry = await fake.Journal.WaitForAsync(_ => true, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var toNs = 1e9 / System.Diagnostics.Stopwatch.Frequency;
        entry.StartMonotonicNs.ShouldBeInRange((long)(before * toNs), (long)(after * toNs));
        entry.LineTextEnds.ShouldBe([1, 3, 3]);
    }
}
