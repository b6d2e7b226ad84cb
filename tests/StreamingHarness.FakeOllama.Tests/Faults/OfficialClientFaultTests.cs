using System.Text.Json;
using Shouldly;
using StreamingHarness.Testing.Clients;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>
/// What the official clients, unchanged, make of every built-in fault on the new streams: the openai npm client on
/// <c>/v1/responses</c> and <c>/v1/completions</c>, @anthropic-ai/sdk's <c>messages.stream</c> on <c>/v1/messages</c>.
/// "ended silently" rows are the ones docs/faults.md lists: the client reports success with no terminal event.
/// </summary>
public sealed class OfficialClientFaultTests
{
    internal const string Complete = "complete";
    internal const string Silent = "ended silently";

    /// <summary>Every built-in fault scenario that breaks a stream (the .NET chat-client table runs the same list).</summary>
    internal static readonly string[] Faults =
    [
        "slow-first-token", "slow-tokens", "stall", "early-headers", "trickle", "cold-start", "malformed-line", "blank-lines",
        "torn-line", "early-eof", "after-done", "wrong-types", "empty-chunks", "huge-line", "bad-utf8", "wrong-content-type",
        "disconnect", "abrupt-close", "drop-before-headers", "error-midstream", "silent-truncation", "http-500", "overloaded-503",
        "rate-limited-429", "legacy-error",
    ];

    public static TheoryData<string> Protocols => new() { "responses", "messages", "completions" };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task OfficialClient_OnEveryFault_ErrorsOrEndsAsTheTableSays(string protocol)
    {
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory, TimeScale = 0.01 },
            TestContext.Current.CancellationToken);

        var output = await NodeClients.RunAsync(
            "fault-outcomes.mjs",
            $"{fake.BaseAddress.ToString().TrimEnd('/')} {protocol} {string.Join(' ', Faults)}",
            TestContext.Current.CancellationToken);

        var outcomes = JsonDocument.Parse(output).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var messages = protocol == "messages";
        var expected = new Dictionary<string, string>
        {
            ["slow-first-token"] = Complete,
            ["slow-tokens"] = Complete,
            ["stall"] = Complete,
            ["early-headers"] = Complete,
            ["trickle"] = Complete,
            ["cold-start"] = Complete,
            ["malformed-line"] = messages
                ? "error: AnthropicError"
                : "error: SyntaxError: Error reading response: malformed server-sent event JSON.",
            ["blank-lines"] = Complete,
            ["torn-line"] = messages ? "error: APIConnectionError: Connection error." : "error: TypeError: terminated",
            ["early-eof"] = Silent,
            ["after-done"] = Complete,
            ["wrong-types"] = protocol switch
            {
                "responses" => Complete,
                "messages" => "error: AnthropicError: Cannot read properties of undefined (reading 'type')",
                _ => "error: TypeError: Cannot read properties of undefined (reading '0')",
            },
            ["empty-chunks"] = Complete,
            ["huge-line"] = Complete,
            ["bad-utf8"] = Complete,
            ["wrong-content-type"] = Complete,
            ["disconnect"] = messages ? "error: APIConnectionError: Connection error." : "error: TypeError: terminated",
            ["abrupt-close"] = messages ? "error: APIConnectionError: Connection error." : "error: TypeError: terminated",
            ["drop-before-headers"] = "error: APIConnectionError: Connection",
            ["error-midstream"] = Silent,
            ["silent-truncation"] = Silent,
            ["http-500"] = "error: InternalServerError: 500 timed out waiting for llama runner to start",
            ["overloaded-503"] = (messages ? "error: ServiceUnavailableError" : "error: InternalServerError")
                + ": 503 server busy, please try again.  maximum pending requests exceeded",
            ["rate-limited-429"] = "error: RateLimitError: 429 too many requests, please retry later",
            // Responses and Messages came after 0.12.6: the fault does not apply; completions lose the error silently.
            ["legacy-error"] = protocol == "completions" ? Silent : Complete,
        };
        foreach (var (fault, outcome) in expected)
        {
            outcomes[fault].ShouldStartWith(outcome, Case.Sensitive, $"{protocol} / {fault}");
        }
    }
}
