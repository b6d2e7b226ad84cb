using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;

namespace StreamingHarness.FakeOllama.Tests.Faults;

public sealed class SequenceFaultTests
{
    private const string FlakyYaml = """
        name: t
        response: "one two three four five"
        faults:
          - kind: flaky-then-ok
            attempts:
              - [{kind: overloaded-503}]
              - [{kind: disconnect, after_tokens: 3}]
              - []
        """;

    private static async Task<string> AttemptAsync(FakeOllamaServer fake, string? session)
    {
        var response = await SendAsync(fake, session is null ? Chat("t") : Chat("t", ("X-Fake-Session", session)));
        return $"{response.StatusCode} {response.End} {response.Lines.Count}";
    }

    [Fact]
    public async Task FlakyThenOk_PlaysOneScriptPerAttempt_CountedPerSession()
    {
        await using var fake = await StartAsync(FlakyYaml);

        (await AttemptAsync(fake, "a")).ShouldBe("503 ContentLengthComplete 1");
        (await AttemptAsync(fake, "b")).ShouldBe("503 ContentLengthComplete 1");
        (await AttemptAsync(fake, "a")).ShouldBe("200 ConnectionReset 3");
        (await AttemptAsync(fake, "a")).ShouldBe("200 ChunkedTerminator 6");
        (await AttemptAsync(fake, "a")).ShouldBe("200 ChunkedTerminator 6");
        (await AttemptAsync(fake, null)).ShouldBe("503 ContentLengthComplete 1");
        (await AttemptAsync(fake, "b")).ShouldBe("200 ConnectionReset 3");

        var journal = fake.Journal.Entries;
        journal[0].Faults.Select(f => f.Action)
            .ShouldBe(
            ["session 'a' attempt 1: overloaded-503", "answered 503: server busy, please try again.  maximum pending requests exceeded"]);
        journal[3].Faults.Single().Action.ShouldBe("session 'a' attempt 3: clean");
        journal[5].Faults[0].Action.ShouldBe("session 'default' attempt 1: overloaded-503");
    }

    [Fact]
    public async Task AdminReset_StartsEveryAttemptCountAgain()
    {
        await using var fake = await StartAsync(FlakyYaml);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };
        (await AttemptAsync(fake, "a")).ShouldBe("503 ContentLengthComplete 1");

        var reset = await http.PostAsync("/__fake/reset", null, TestContext.Current.CancellationToken);

        reset.IsSuccessStatusCode.ShouldBeTrue();
        (await reset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe("""{"journal_entries_cleared":1,"sequence_counters_cleared":1}""");
        fake.Journal.Entries.ShouldBeEmpty();
        (await AttemptAsync(fake, "a")).ShouldBe("503 ContentLengthComplete 1");
    }
}
