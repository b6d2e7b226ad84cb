extern alias fake;
using System.Text.Json;
using fake::StreamingHarness.FakeOllama;
using Shouldly;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Clients;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.A2a;

/// <summary>
/// The relay's A2A agent driven by the real <c>@a2a-js/sdk</c> 1.3.0 client (tests/clients/a2a-relay-check.mjs) over a
/// real socket, with the fake's built-in scenarios upstream: the card, v1.0 and the compat v0.3 transport, every
/// built-in fault ending in a terminal task state, and <c>CancelTask</c> stopping the upstream request.
/// </summary>
public sealed class A2aSdkClientTests
{
    private const string Answer = "Hello! How can I help you today?";
    private const string Sentence = "The quick brown fox jumps over the lazy dog while the stream keeps going.";

    private static readonly string[] StreamCodes =
    [
        RelayErrorCodes.UpstreamUnavailable, RelayErrorCodes.UpstreamError, RelayErrorCodes.UpstreamProtocol,
        RelayErrorCodes.UpstreamDisconnected, RelayErrorCodes.FirstTokenTimeout, RelayErrorCodes.IdleTimeout, RelayErrorCodes.TotalTimeout,
    ];

    [Theory]
    [InlineData("stream", "1.0")]
    [InlineData("stream-v03", "0.3")]
    public async Task SdkClient_ResolvesTheCard_AndStreamsToCompleted(string mode, string version)
    {
        await using var env = await RelayOverFake.StartAsync(kestrel: true, builtInScenarios: true);

        var result = await RunAsync(env, mode, "llama3.2");

        result.GetProperty("protocolVersion").GetString().ShouldBe(version);
        var run = result.GetProperty("runs").GetProperty("llama3.2");
        Strings(run, "states").ShouldBe(["TASK_STATE_SUBMITTED", "TASK_STATE_WORKING", "TASK_STATE_COMPLETED"]);
        run.GetProperty("text").GetString().ShouldBe(Answer);
        Strings(run, "kinds").ShouldBe(["task", "statusUpdate", .. Enumerable.Repeat("artifactUpdate", 10), "statusUpdate"]);
        run.GetProperty("appends").GetInt32().ShouldBe(9);
        run.GetProperty("lastChunks").GetInt32().ShouldBe(1);
        run.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        run.GetProperty("stored").GetString().ShouldBe("TASK_STATE_COMPLETED");
    }

    [Fact]
    public async Task SdkClient_EveryBuiltInFault_EndsInATerminalTaskState()
    {
        var scenarios = Directory.GetFiles(FakeOllamaOptions.BuiltInScenarioDirectory, "*.yaml")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.StartsWith("load", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        await using var env = await RelayOverFake.StartAsync(
            settings: new Dictionary<string, string?>()
            {
                // Short clocks so stalls and slow starts end in seconds; the test asserts outcomes, never durations.
                ["Relay:Upstream:IdleTimeout"] = "00:00:00.5",
                ["Relay:Upstream:FirstTokenTimeout"] = "00:00:01",
                ["Relay:Retry:MaxRetries"] = "0",
            },
            kestrel: true,
            builtInScenarios: true);

        var runs = (await RunAsync(env, "stream", string.Join(',', scenarios))).GetProperty("runs");

        scenarios.Count.ShouldBeGreaterThan(20);
        foreach (var scenario in scenarios)
        {
            var run = runs.GetProperty(scenario!);
            var final = run.GetProperty("final").GetString();
            run.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null, scenario);
            final.ShouldBeOneOf(["TASK_STATE_COMPLETED", "TASK_STATE_FAILED"], scenario);
            Strings(run, "states")[..2].ShouldBe(["TASK_STATE_SUBMITTED", "TASK_STATE_WORKING"], scenario);
            run.GetProperty("stored").GetString().ShouldBe(final, scenario);
            if (final == "TASK_STATE_FAILED")
            {
                var code = run.GetProperty("reason").GetString()!.Split(':')[0];
                code.ShouldBeOneOf(StreamCodes, scenario);
                run.GetProperty("lastChunks").GetInt32().ShouldBe(0, scenario);
            }
            else
            {
                run.GetProperty("lastChunks").GetInt32().ShouldBe(1, scenario);
            }
        }

        Reason(runs, "error-midstream").ShouldStartWith("upstream_error: model runner has unexpectedly stopped");
        Reason(runs, "silent-truncation").ShouldStartWith("upstream_error: ");
        Reason(runs, "hold").ShouldBe("idle_timeout: the upstream sent nothing for 0.5 s");
        Reason(runs, "slow-first-token").ShouldStartWith("first_token_timeout: ");
        Reason(runs, "http-500").ShouldStartWith("upstream_error: upstream answered 500: ");
        runs.GetProperty("default").GetProperty("final").GetString().ShouldBe("TASK_STATE_COMPLETED");
    }

    [Fact]
    public async Task SdkClient_CancelTask_EndsCanceledAndStopsTheUpstream()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("slow", Sentence, t => t.InterTokenMs = 1000)], kestrel: true);

        var result = await RunAsync(env, "cancel", "slow");

        result.GetProperty("cancelAnswer").GetString().ShouldBe("TASK_STATE_CANCELED");
        var run = result.GetProperty("runs").GetProperty("slow");
        Strings(run, "states").ShouldBe(["TASK_STATE_SUBMITTED", "TASK_STATE_WORKING", "TASK_STATE_CANCELED"]);
        run.GetProperty("reason").GetString().ShouldBe("canceled: canceled by CancelTask");
        run.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        run.GetProperty("stored").GetString().ShouldBe("TASK_STATE_CANCELED");
        var upstream = await env.FinishedUpstreamAsync();
        upstream.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        upstream.TokensDelivered.ShouldBeInRange(1, Sentence.Split(' ').Length - 1);
        run.GetProperty("text").GetString().ShouldBe("The");
    }

    private static async Task<JsonElement> RunAsync(RelayOverFake env, string mode, string models)
    {
        var baseUrl = env.Client.BaseAddress!.ToString().TrimEnd('/');
        var output = await NodeClients.RunAsync("a2a-relay-check.mjs", $"{baseUrl} {mode} {models}", TestContext.Current.CancellationToken);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string Reason(JsonElement runs, string scenario) => runs.GetProperty(scenario).GetProperty("reason").GetString()!;

    private static string[] Strings(JsonElement run, string name) =>
        [.. run.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
