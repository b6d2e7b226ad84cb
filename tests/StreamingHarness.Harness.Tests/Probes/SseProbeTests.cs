using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Tests.Probes;

public sealed class SseProbeTests
{
    private static readonly ProbeRequestOptions Options = new(new Uri("http://127.0.0.1:1"));

    private static string Event(int id, string type, string data) => $"id: {id}\nevent: {type}\ndata: {data}\n\n";

    private static string Start => Event(0, "start", """{"id":"r1","model":"m","created":"2025-01-01T00:00:00Z"}""");

    [Fact]
    public async Task Relay_TokensAndDone_CountsTokensAndTakesUsage()
    {
        var body = Start
            + Event(1, "token", """{"index":0,"content":"Hel"}""")
            + Event(2, "token", """{"index":1,"content":"","thinking":"hmm"}""")
            + Event(3, "tool_call", """{"id":"c1","name":"f","arguments":{}}""")
            + Event(4, "done", """{"done_reason":"stop","usage":{"prompt_tokens":4,"completion_tokens":7},"ttft_ms":1.5,"total_ms":9}""");
        var timeline = new RequestTimeline();

        var end = await new RelaySseProbe(Options).ReadAsync(TrickleStream.Of(body, 5), timeline, TestContext.Current.CancellationToken);

        end.Error.ShouldBeNull();
        timeline.ContentChunks.ShouldBe(3);
        timeline.ReportedTokens.ShouldBe(7);
    }

    [Fact]
    public async Task Relay_EmptyTokenEvent_DoesNotCountForTtft()
    {
        var body = Start + Event(1, "token", """{"index":0,"content":""}""")
            + Event(2, "done", """{"done_reason":"stop","usage":{"prompt_tokens":1,"completion_tokens":0},"ttft_ms":0,"total_ms":1}""");
        var timeline = new RequestTimeline();

        await new RelaySseProbe(Options).ReadAsync(TrickleStream.Of(body), timeline, TestContext.Current.CancellationToken);

        timeline.HasFirstToken.ShouldBeFalse();
        timeline.ContentChunks.ShouldBe(0);
    }

    [Fact]
    public async Task Relay_ErrorEvent_EndsWithCodeAndMessage()
    {
        var body = Start + Event(1, "error", """{"code":"idle_timeout","message":"no token for 30 s","retryable":false}""");

        var end = await new RelaySseProbe(Options)
            .ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken);

        end.Error.ShouldBe("idle_timeout: no token for 30 s");
        end.Code.ShouldBe("idle_timeout");
    }

    [Theory]
    [InlineData("event: token\ndata: {\"index\":0,\"content\":\"a\"}\n\n", "event 'token' has no numeric id (id: '')")]
    [InlineData(
        "id: 5\nevent: token\ndata: {\"index\":0,\"content\":\"a\"}\n\nid: 5\nevent: token\ndata: {\"index\":1,\"content\":\"b\"}\n\n",
        "event 'token' has id 5, not after the previous id 5")]
    [InlineData("id: 1\nevent: token\ndata: {\"index\":0,\"content\":\"a\"}\n\n", "the SSE stream ended without a done or error event")]
    [InlineData("id: 1\nevent: done\ndata: {}\n\nid: 2\nevent: token\ndata: {}\n\n", "event 'token' after the done event")]
    public async Task Relay_ContractBroken_IsAProtocolError(string body, string message)
    {
        var ex = await Should.ThrowAsync<StreamProtocolException>(async () =>
            await new RelaySseProbe(Options)
                .ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.Message.ShouldBe(message);
    }

    [Fact]
    public async Task OpenAi_RoleOnlyFirstChunkIgnored_UsageCounted()
    {
        const string head =
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp_ollama","choices":["""
            + """{"index":0,"delta":""";
        var body = $"data: {head}{{\"role\":\"assistant\",\"content\":\"\"}},\"finish_reason\":null}}]}}\n\n"
            + $"data: {head}{{\"content\":\"Hi\"}},\"finish_reason\":null}}]}}\n\n"
            + $"data: {head}{{\"content\":\" there\"}},\"finish_reason\":null}}]}}\n\n"
            + $"data: {head}{{}},\"finish_reason\":\"stop\"}}]}}\n\n"
            + "data: {\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n"
            + "data: [DONE]\n\n";
        var timeline = new RequestTimeline();

        var end = await new OpenAiSseProbe(Options).ReadAsync(TrickleStream.Of(body, 7), timeline, TestContext.Current.CancellationToken);

        end.Error.ShouldBeNull();
        timeline.ContentChunks.ShouldBe(2);
        timeline.ReportedTokens.ShouldBe(2);
        timeline.GapCount.ShouldBe(1);
    }

    [Fact]
    public async Task OpenAi_NoDoneMarker_IsTruncation()
    {
        var body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";

        var ex = await Should.ThrowAsync<StreamProtocolException>(async () =>
            await new OpenAiSseProbe(Options)
                .ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.Message.ShouldBe("the SSE stream ended without data: [DONE] or a finish_reason");
    }

    /// <summary>The one end rule (OpenAiStreamEnd), as the client reads it: a finish reason then a clean end is whole.</summary>
    [Fact]
    public async Task OpenAi_FinishThenEndWithoutDoneMarker_IsDone()
    {
        var body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
        var timeline = new RequestTimeline();

        var end = await new OpenAiSseProbe(Options).ReadAsync(TrickleStream.Of(body), timeline, TestContext.Current.CancellationToken);

        end.ShouldBe(StreamEnd.Done);
        timeline.ContentChunks.ShouldBe(1);
    }

    [Fact]
    public async Task OpenAi_ErrorPayload_EndsWithItsMessage()
    {
        var body = "data: {\"error\":{\"message\":\"model 'x' not found\",\"type\":\"api_error\",\"param\":null,\"code\":null}}\n\n";

        var end = await new OpenAiSseProbe(Options)
            .ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken);

        end.Error.ShouldBe("model 'x' not found");
    }

    /// <summary>
    /// The recorder's <c>inspect</c> times the same lines (both use Protocol's StreamLineClassifier): reasoning and a tool
    /// call are output; a role-only chunk, <c>logprobs.content</c> and the finish and usage chunks are not.
    /// </summary>
    [Fact]
    public async Task OpenAi_ReasoningAndToolCall_AreOutputLikeContent()
    {
        var body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"a\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"c\",\"index\":0}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":{\"content\":[{\"token\":\"x\"}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"c\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":5,\"total_tokens\":6}}\n\n"
            + "data: [DONE]\n\n";
        var timeline = new RequestTimeline();

        var end = await new OpenAiSseProbe(Options).ReadAsync(TrickleStream.Of(body), timeline, TestContext.Current.CancellationToken);

        end.Error.ShouldBeNull();
        timeline.ContentChunks.ShouldBe(3);
        timeline.GapCount.ShouldBe(2);
        timeline.ReportedTokens.ShouldBe(5);
    }

    [Fact]
    public async Task OpenAi_MistypedContent_IsAProtocolError()
    {
        var body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":5}}]}\n\ndata: [DONE]\n\n";

        var ex = await Should.ThrowAsync<StreamProtocolException>(async () =>
            await new OpenAiSseProbe(Options)
                .ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.Message.ShouldBe("an SSE data payload is malformed: field 'delta.content' must be a string, found a number");
    }
}
