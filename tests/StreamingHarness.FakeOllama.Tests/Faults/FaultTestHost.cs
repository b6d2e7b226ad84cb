using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>
/// Starts a fake whose scenarios are written in YAML, as users write them (so the fault reader is exercised too),
/// on the manual clock: timestamps are fixed and every delay waits for the test, so bytes are exact and timings are
/// asserted from the journal, never from the wall clock.
/// </summary>
internal static class FaultTestHost
{
    /// <summary>The manual clock's wall time, as every <c>created_at</c> reads until the clock moves.</summary>
    public const string CreatedAt = "2025-10-26T17:21:21Z";

    public static Scenario Scenario(string yaml) => ScenarioYamlReader.Read(yaml, "test.yaml", "test");

    public static Task<FakeOllamaServer> StartAsync(TimeProvider clock, params string[] yamlScenarios) =>
        FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [.. yamlScenarios.Select(Scenario)], TimeProvider = clock },
            TestContext.Current.CancellationToken);

    public static Task<FakeOllamaServer> StartAsync(params string[] yamlScenarios) => StartAsync(new TestClock(), yamlScenarios);

    public static RawHttpRequest Chat(string model, params (string Name, string Value)[] headers) =>
        RawHttpRequest.PostJson("/api/chat", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""", headers);

    public static RawHttpRequest Generate(string model) =>
        RawHttpRequest.PostJson("/api/generate", $$"""{"model":"{{model}}","prompt":"hi"}""");

    public static RawHttpRequest OpenAiChat(string model) =>
        RawHttpRequest.PostJson(
            "/v1/chat/completions", $$"""{"model":"{{model}}","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

    public static Task<RawHttpResponse> SendAsync(FakeOllamaServer fake, RawHttpRequest request) =>
        RawHttpClient.SendAsync(fake.BaseAddress, request);

    /// <summary>A native chat token line exactly as the fake writes it on the manual clock, newline included.</summary>
    public static string ChatLine(string model, string content) =>
        $$"""{"model":"{{model}}","created_at":"{{CreatedAt}}","message":{"role":"assistant","content":"{{content}}"},"done":false}"""
            + "\n";

    public static string GenerateLine(string model, string response) =>
        $$"""{"model":"{{model}}","created_at":"{{CreatedAt}}","response":"{{response}}","done":false}""" + "\n";

    /// <summary>The finished journal entry of the (last) request answered by <paramref name="scenario"/>.</summary>
    public static async Task<Journal.JournalEntry> FinishedEntryAsync(FakeOllamaServer fake, string scenario = "t")
    {
        await fake.Journal.WaitForAsync(e => e.Scenario == scenario, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        return fake.Journal.Entries.Last(e => e.Scenario == scenario);
    }
}
