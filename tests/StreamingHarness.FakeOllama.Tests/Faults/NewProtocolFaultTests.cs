using Shouldly;
using StreamingHarness.Testing.RawHttp;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>
/// Every built-in fault scenario on the streams of <c>/v1/responses</c>, <c>/v1/messages</c> and <c>/v1/completions</c>,
/// on a real socket: the same status, body ending and journalled action as on the native API, in that protocol's
/// framing (a damaged line keeps its <c>event:</c> name; an in-band error is what that layer of Ollama makes of it).
/// </summary>
public sealed class NewProtocolFaultTests : IAsyncLifetime
{
    private FakeOllamaServer _fake = null!;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var protocol in (string[])["responses", "messages", "completions"])
        {
            foreach (var name in BuiltInFaultScenarioTests.Expectations.Select(row => (string)row.Data.Item1))
            {
                data.Add(protocol, name);
            }
        }

        return data;
    }

    public async ValueTask InitializeAsync() =>
        _fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory, TimeScale = 0.01 },
            TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    internal static RawHttpRequest Request(string protocol, string model, params (string Name, string Value)[] headers) =>
        RawHttpRequest.PostJson(
            "/v1/" + protocol,
            protocol switch
            {
                "responses" => $$"""{"model":"{{model}}","input":"hi","stream":true}""",
                "messages" => $$$"""{"model":"{{{model}}}","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}""",
                _ => $$$"""{"model":"{{{model}}}","prompt":"hi","stream":true,"stream_options":{"include_usage":true}}""",
            },
            headers);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BuiltInFault_OnTheNewStreams_BehavesAsOnTheNativeApiInItsFraming(string protocol, string name)
    {
        var row = BuiltInFaultScenarioTests.Expectations.Single(r => (string)r.Data.Item1 == name).Data;
        var (status, end, action) = ((int)row.Item2, (BodyEnd)row.Item3, (string)row.Item4);
        if (name is "error-midstream" or "silent-truncation")
        {
            action = protocol == "completions"
                ? "silent truncation after 3 tokens (an empty chunk"
                : "silent stop after 3 tokens (no event";
        }

        if (name == "huge-line")
        {
            // The line is a little longer or shorter than the native one: only the size of the text is fixed.
            action = "token 2 replaced by a line of 1048";
        }

        if (name == "legacy-error" && protocol != "completions")
        {
            // Responses (0.13.3) and Messages (0.14.0) came after 0.12.6, the last release that failed this way.
            action = "";
        }

        var session = Guid.NewGuid().ToString("N");
        var response = await RawHttpClient.SendAsync(_fake.BaseAddress, Request(protocol, name, ("X-Fake-Session", session)));

        response.StatusCode.ShouldBe(status);
        response.End.ShouldBe(end);
        var entry = await _fake.Journal.WaitForAsync(
            e => e.Scenario == name && e.Body!.Contains(name, StringComparison.Ordinal)
                && e.Path.StartsWith("/v1/", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            TestContext.Current.CancellationToken);
        if (action.Length == 0)
        {
            entry.Faults.ShouldBeEmpty();
            return;
        }

        entry.Faults.ShouldContain(
            f => f.Action.Contains(action, StringComparison.Ordinal),
            $"journal: {string.Join(" | ", entry.Faults.Select(f => f.Action))}");
        if (status == 200 && response.Body.Length > 0 && protocol != "completions" && name != "blank-lines")
        {
            var first = protocol == "responses" ? "event: response.created\ndata: {" : "event: message_start\ndata: {";
            response.BodyText.ShouldStartWith(first);
        }

        if (name is "malformed-line" or "wrong-types" or "bad-utf8" or "empty-chunks" && protocol != "completions")
        {
            // The damaged or extra line is still a named event of its protocol.
            var frames = response.BodyText.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            frames.ShouldAllBe(frame => frame.StartsWith("event: ", StringComparison.Ordinal));
        }
    }
}
