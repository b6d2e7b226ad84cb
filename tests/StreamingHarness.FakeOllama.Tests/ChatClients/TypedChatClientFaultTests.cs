using Microsoft.Extensions.AI;
using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.OfficialClientFaultTests;

namespace StreamingHarness.FakeOllama.Tests.ChatClients;

/// <summary>
/// What Microsoft.Extensions.AI over the official .NET SDKs (see <see cref="TypedChatClients"/>) makes of every built-in
/// fault: an exception the caller sees, a complete answer (a finish reason came), or an answer that ends silently
/// (no finish reason, no error). docs/faults.md's client table lists the same outcomes.
/// </summary>
public sealed class TypedChatClientFaultTests
{
    [Theory]
    [MemberData(nameof(TypedChatClients.Both), MemberType = typeof(TypedChatClients))]
    public async Task ChatClient_OnEveryFault_ErrorsOrEndsAsTheTableSays(string protocol)
    {
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory, TimeScale = 0.01 },
            TestContext.Current.CancellationToken);

        var outcomes = new Dictionary<string, string>();
        foreach (var fault in Tests.Faults.OfficialClientFaultTests.Faults)
        {
            outcomes[fault] = await OutcomeAsync(TypedChatClients.Create(protocol, fake.BaseAddress, fault));
        }

        outcomes.ShouldBe(Expected(protocol), string.Join(Environment.NewLine, outcomes.Select(o => $"{o.Key} = {o.Value}")));
    }

    /// <summary>The OpenAI SDK's exceptions on Responses, then the Anthropic SDK's, where they differ.</summary>
    private static Dictionary<string, string> Expected(string protocol)
    {
        var openAi = protocol == TypedChatClients.Responses;
        return new()
        {
            ["slow-first-token"] = Complete,
            ["slow-tokens"] = Complete,
            ["stall"] = Complete,
            ["early-headers"] = Complete,
            ["trickle"] = Complete,
            ["cold-start"] = Complete,
            ["malformed-line"] = openAi ? "error: JsonReaderException" : "error: AnthropicInvalidDataException",
            ["blank-lines"] = Complete,
            ["torn-line"] = "error: HttpIOException",
            ["early-eof"] = Silent,
            ["after-done"] = Complete,
            ["wrong-types"] = openAi ? "error: InvalidOperationException" : "error: AnthropicInvalidDataException",
            ["empty-chunks"] = Complete,
            ["huge-line"] = Complete,
            ["bad-utf8"] = openAi ? "error: InvalidOperationException" : Complete,
            ["wrong-content-type"] = Complete,
            ["disconnect"] = "error: IOException",
            ["abrupt-close"] = "error: HttpIOException",
            ["drop-before-headers"] = openAi ? "error: ClientResultException" : "error: AnthropicIOException",
            ["error-midstream"] = Silent,
            ["silent-truncation"] = Silent,
            ["http-500"] = openAi ? "error: ClientResultException" : "error: Anthropic5xxException",
            ["overloaded-503"] = openAi ? "error: ClientResultException" : "error: AnthropicServiceUnavailableException",
            ["rate-limited-429"] = openAi ? "error: ClientResultException" : "error: AnthropicRateLimitException",
            // Responses and Messages came after 0.12.6: the fault lets the stream through.
            ["legacy-error"] = Complete,
        };
    }

    private static async Task<string> OutcomeAsync(IChatClient chat)
    {
        var finished = false;
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken))
            {
                finished |= update.FinishReason is not null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "error: " + ex.GetType().Name;
        }

        return finished ? Complete : Silent;
    }
}
