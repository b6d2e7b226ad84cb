extern alias fake;
using System.Net;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Relay.Tests.A2a;

/// <summary>
/// The A2A agent in-process: its card, the v0.3 shapes served to callers without <c>A2A-Version</c>, the model choice,
/// <c>SendMessage</c>'s one result, a timeout's status event, and the API keys and rate limits of <c>/stream/*</c>.
/// </summary>
public sealed class A2aAgentTests
{
    private const string Key = "a2a-test-key-0123456789";
    private const string Answer = "Hello from the fixed scenario.";

    private static readonly Dictionary<string, string?> Auth = new() { ["Relay:Auth:ApiKeys:0"] = Key };
    private static readonly string[] InterfaceFields = ["protocolBinding", "protocolVersion", "url"];

    [Fact]
    public async Task AgentCard_WithApiKeys_ListsTheInterfacesStreamingAndTheSchemesInForce()
    {
        await using var env = await RelayOverFake.StartAsync(settings: Auth);

        using var response = await RelayHttp.GetAsync(env.Client, "/.well-known/agent-card.json");
        var card = await RelayHttp.ReadJsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        card.GetProperty("capabilities").GetProperty("streaming").GetBoolean().ShouldBeTrue();
        card.GetProperty("supportedInterfaces").EnumerateArray()
            .Select(i => string.Join(' ', InterfaceFields.Select(n => i.GetProperty(n).GetString())))
            .ShouldBe(["JSONRPC 1.0 http://localhost/a2a", "JSONRPC 0.3 http://localhost/a2a"]);
        card.GetProperty("securitySchemes").GetProperty("bearer").GetRawText()
            .ShouldBe("""{"httpAuthSecurityScheme":{"scheme":"Bearer"}}""");
        card.GetProperty("securityRequirements")[0].GetRawText().ShouldBe("""{"schemes":{"bearer":{"list":[]}}}""");
        card.GetProperty("skills")[0].GetProperty("id").GetString().ShouldBe("chat");
    }

    [Fact]
    public async Task Post_WithoutAKey_Is401_AndWithTheBearerKeyStreams()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], Auth);

        using var refused = await A2aRpc.PostAsync(env.Client, A2aRpc.Send("SendStreamingMessage", "fixed", 1));
        using var allowed = await RelayHttp.PostAsync(env.Client, A2aRpc.Path, A2aRpc.Send("SendStreamingMessage", "fixed", 1), r =>
        {
            r.Headers.Add("A2A-Version", "1.0");
            r.Headers.Authorization = new("Bearer", Key);
        });

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await refused.ShouldBeProblemAsync("unauthorized", retryable: false);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        A2aRpc.Results(await RelayHttp.ReadEventsAsync(allowed))[^1].GetProperty("statusUpdate").GetProperty("status")
            .GetProperty("state").GetString().ShouldBe("TASK_STATE_COMPLETED");
    }

    [Fact]
    public async Task Post_OverTheRateLimit_Is429WithRetryAfter()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)], new Dictionary<string, string?>
        {
            ["Relay:RateLimits:BurstRequests"] = "1",
            ["Relay:RateLimits:RequestsPerPeriod"] = "1",
            ["Relay:RateLimits:ReplenishPeriod"] = "00:01:00",
        });

        (await A2aRpc.AnswerAsync(env.Client, A2aRpc.Send("SendMessage", "fixed", 1))).TryGetProperty("result", out _).ShouldBeTrue();
        using var limited = await A2aRpc.PostAsync(env.Client, A2aRpc.Send("SendMessage", "fixed", 2));

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        await limited.ShouldBeProblemAsync("rate_limited", retryable: true);
    }

    [Fact]
    public async Task SendStreamingMessage_WithoutVersionHeader_ServesTheV03Shapes()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", Answer)]);
        var body = A2aRpc.Send("message/stream", "fixed", 5).Replace("ROLE_USER", "user", StringComparison.Ordinal);

        using var response = await A2aRpc.PostAsync(env.Client, body, version: null);
        var results = A2aRpc.Results(await RelayHttp.ReadEventsAsync(response));

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        results.Select(r => r.GetProperty("kind").GetString())
            .ShouldBe(["task", "status-update", .. Enumerable.Repeat("artifact-update", results.Count - 3), "status-update"]);
        results[0].GetProperty("status").GetProperty("state").GetString().ShouldBe("submitted");
        results[1].GetProperty("status").GetProperty("state").GetString().ShouldBe("working");
        results[1].GetProperty("final").GetBoolean().ShouldBeFalse();
        results[^1].GetProperty("status").GetProperty("state").GetString().ShouldBe("completed");
        results[^1].GetProperty("final").GetBoolean().ShouldBeTrue();
        var chunks = results.Where(r => r.GetProperty("kind").GetString() == "artifact-update").ToList();
        string.Concat(chunks.Select(c => c.GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()))
            .ShouldBe(Answer);
        chunks.Select(c => c.GetProperty("artifact").GetProperty("parts")[0].GetProperty("kind").GetString()).ShouldAllBe(k => k == "text");
        chunks[0].TryGetProperty("append", out _).ShouldBeFalse();
        chunks.Skip(1).ShouldAllBe(c => c.GetProperty("append").GetBoolean());
        chunks[^1].GetProperty("lastChunk").GetBoolean().ShouldBeTrue();
        chunks[^1].GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString().ShouldBe("");
    }

    [Fact]
    public async Task SendMessage_WithoutModelMetadata_RunsTheConfiguredModel_AndAnswersTheFinishedTask()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("fixed", Answer)], new Dictionary<string, string?> { ["Relay:A2A:Model"] = "fixed" });
        var body = A2aRpc.Send("SendMessage", "x", 9).Replace(",\"metadata\":{\"model\":\"x\"}", "", StringComparison.Ordinal);

        var answer = await A2aRpc.AnswerAsync(env.Client, body);
        var task = answer.GetProperty("result").GetProperty("task");
        var getTask = A2aRpc.Call("GetTask", $$"""{"id":"{{task.GetProperty("id").GetString()}}"}""", 10);
        var stored = await A2aRpc.AnswerAsync(env.Client, getTask);

        answer.GetProperty("id").GetInt32().ShouldBe(9);
        task.GetProperty("status").GetProperty("state").GetString().ShouldBe("TASK_STATE_COMPLETED");
        task.GetProperty("artifacts").GetRawText().ShouldBe($$"""[{"artifactId":"answer","parts":[{"text":"{{Answer}}"}]}]""");
        stored.GetProperty("result").GetProperty("artifacts").GetRawText().ShouldBe(task.GetProperty("artifacts").GetRawText());
        (await env.FinishedUpstreamAsync()).Model.ShouldBe("fixed");
    }

    [Fact]
    public async Task SendStreamingMessage_StallOverTheIdleTimeout_SendsTheFailedStatusBeforeTheStreamCloses()
    {
        var clock = new TestClock();
        await using var env = await RelayOverFake.StartAsync(
            settings: new Dictionary<string, string?>() { ["Relay:Upstream:IdleTimeout"] = "00:00:01" },
            builtInScenarios: true,
            services: RelayFactory.Clock(clock));

        using var response = await A2aRpc.PostAsync(env.Client, A2aRpc.Send("SendStreamingMessage", "stall", 1));
        var chunks = 0;
        var events = await RelayHttp.ReadEventsAsync(response, (e, _) =>
        {
            if (e.Data.Contains("artifactUpdate", StringComparison.Ordinal) && ++chunks == 3)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        });
        var results = A2aRpc.Results(events);

        chunks.ShouldBe(3);
        var status = results[^1].GetProperty("statusUpdate").GetProperty("status");
        status.GetProperty("state").GetString().ShouldBe("TASK_STATE_FAILED");
        status.GetProperty("message").GetProperty("parts")[0].GetProperty("text").GetString()
            .ShouldBe("idle_timeout: the upstream sent nothing for 1 s");
        status.GetProperty("message").GetProperty("metadata").GetProperty("code").GetString().ShouldBe("idle_timeout");
        (await env.FinishedUpstreamAsync()).Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task SendStreamingMessage_ClientLeaves_CancelsTheUpstreamAndTheTask()
    {
        await using var env = await RelayOverFake.StartAsync(
            [RelayOverFake.Fixed("slow", Answer, t => t.InterTokenMs = 1000)], kestrel: true);
        string? taskId = null;
        using (var response = await A2aRpc.PostAsync(env.Client, A2aRpc.Send("SendStreamingMessage", "slow", 1)))
        {
            await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var cancellation = TestContext.Current.CancellationToken;
            await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(cancellation))
            {
                taskId = JsonDocument.Parse(item.Data).RootElement.GetProperty("result").GetProperty("task").GetProperty("id").GetString();
                break;
            }
        }

        (await env.FinishedUpstreamAsync()).Ending.ShouldBe(StreamEnding.ClientDisconnected);
        var stored = await Eventually.WaitAsync(
            () => A2aRpc.AnswerAsync(env.Client, A2aRpc.Call("GetTask", $$"""{"id":"{{taskId}}"}""", 2)),
            a => a.GetProperty("result").GetProperty("status").GetProperty("state").GetString() == "TASK_STATE_CANCELED",
            "the task ends canceled");
        stored.GetProperty("result").GetProperty("status").GetProperty("message").GetProperty("parts")[0].GetProperty("text").GetString()
            .ShouldBe("canceled: the client left before the task ended");
    }
}
