using Shouldly;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>
/// Every built-in fault scenario, selected by its model name as a header-less client would, shows its documented
/// behaviour on a real socket (scenarios/README.md, section "faults"). Delays run at a hundredth of their length.
/// </summary>
public sealed class BuiltInFaultScenarioTests : IAsyncLifetime
{
    private FakeOllamaServer _fake = null!;

    public static TheoryData<string, int, BodyEnd, string> Expectations => new()
    {
        { "slow-first-token", 200, BodyEnd.ChunkedTerminator, "held the headers 5000 ms" },
        { "slow-tokens", 200, BodyEnd.ChunkedTerminator, "delayed token 1 by" },
        { "stall", 200, BodyEnd.ChunkedTerminator, "stalled 5000 ms at token 3, then resume" },
        { "early-headers", 200, BodyEnd.ChunkedTerminator, "sent the headers at once, first token 3000 ms later" },
        { "trickle", 200, BodyEnd.ChunkedTerminator, "in 4 pieces" },
        { "cold-start", 200, BodyEnd.ChunkedTerminator, "cold model: loading for 3000 ms" },
        { "malformed-line", 200, BodyEnd.ChunkedTerminator, "inserted before token 2 an invalid line" },
        { "blank-lines", 200, BodyEnd.ChunkedTerminator, "1 blank line(s), a whitespace line before line 1, ended with CRLF" },
        { "torn-line", 200, BodyEnd.EofWithoutTerminator, "of the line at token 3, then closed" },
        { "early-eof", 200, BodyEnd.ChunkedTerminator, "ended the body cleanly before the final line, after 15 tokens" },
        { "after-done", 200, BodyEnd.ChunkedTerminator, "wrote 1 more final line(s) after the end" },
        { "wrong-types", 200, BodyEnd.ChunkedTerminator, "MissingMessage on the content line after 2 tokens" },
        { "empty-chunks", 200, BodyEnd.ChunkedTerminator, "1 empty chunk(s) before token 0" },
        { "huge-line", 200, BodyEnd.ChunkedTerminator, "token 2 replaced by a line of 10485" },
        { "bad-utf8", 200, BodyEnd.ChunkedTerminator, "invalid UTF-8 (C328FF) in the text of token 2" },
        { "wrong-content-type", 200, BodyEnd.ChunkedTerminator, "sent the stream as application/json; charset=utf-8" },
        { "disconnect", 200, BodyEnd.ConnectionReset, "reset the connection after 3 tokens" },
        { "abrupt-close", 200, BodyEnd.EofWithoutTerminator, "closed the connection without the chunked terminator after 3 tokens" },
        { "drop-before-headers", 0, BodyEnd.EofWithoutTerminator, "closed the connection before any response byte" },
        { "error-midstream", 200, BodyEnd.ChunkedTerminator, "in-band error line after 3 tokens" },
        { "silent-truncation", 200, BodyEnd.ChunkedTerminator, "in-band error line after 3 tokens" },
        { "http-500", 500, BodyEnd.ContentLengthComplete, "answered 500: timed out waiting for llama runner to start" },
        { "overloaded-503", 503, BodyEnd.ContentLengthComplete,
        "answered 503: server busy, please try again.  maximum pending requests exceeded" },
        { "rate-limited-429", 429, BodyEnd.ContentLengthComplete, "answered 429" },
        { "legacy-error", 200, BodyEnd.ChunkedTerminator, "status 200, then the error line before any chunk" },
        { "flaky-then-ok", 503, BodyEnd.ContentLengthComplete, "attempt 1: overloaded-503" },
    };

    public async ValueTask InitializeAsync() =>
        _fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory, TimeScale = 0.01 },
            TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task BuiltInScenario_SelectedByModel_BehavesAsDocumented(string name, int status, BodyEnd end, string action)
    {
        var session = Guid.NewGuid().ToString("N");
        var response = await RawHttpClient.SendAsync(_fake.BaseAddress, FaultTestHost.Chat(name, ("X-Fake-Session", session)));

        response.StatusCode.ShouldBe(status);
        response.End.ShouldBe(end);
        var entry = await _fake.Journal.WaitForAsync(
            e => e.Scenario == name && e.Body!.Contains(name, StringComparison.Ordinal), TimeSpan.FromSeconds(20),
            TestContext.Current.CancellationToken);
        entry.Faults.ShouldNotBeEmpty();
        entry.Faults.ShouldContain(
            f => f.Action.Contains(action, StringComparison.Ordinal), $"journal: {string.Join(" | ", entry.Faults.Select(f => f.Action))}");
        if (end != BodyEnd.ChunkedTerminator && status == 200)
        {
            entry.Ending.ShouldBe(StreamEnding.Fault);
        }
    }

    [Fact]
    public void EveryBuiltInFaultScenarioOfTheCatalogue_IsServed()
    {
        var names = _fake.ScenarioNames;
        foreach (var fault in FaultCatalog.BuiltInScenarios)
        {
            names.ShouldContain(fault.Name);
        }

        foreach (var (name, _, _, _) in Expectations.Select(row => ((string, int, BodyEnd, string))row.Data))
        {
            names.ShouldContain(name);
        }
    }
}
