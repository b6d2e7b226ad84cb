using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Tests.Probes;

/// <summary>The A2A probe on streams the SDK's agent does not send on its own: errors, broken contracts, bad JSON.</summary>
public sealed class A2aSseProbeContractTests
{
    private static readonly A2aSseProbe Probe = new(new ProbeRequestOptions(new Uri("http://127.0.0.1:1")));

    private const string Working =
        """data: {"jsonrpc":"2.0","id":1,"result":{"statusUpdate":{"taskId":"t","contextId":"c","status":"""
        + """{"state":"TASK_STATE_WORKING"}}}}""" + "\n\n";
    private const string Chunk =
        """data: {"jsonrpc":"2.0","id":1,"result":{"artifactUpdate":{"taskId":"t","contextId":"c","artifact":{"artifactId":"a","parts":["""
        + """{"text":"Hi"}]}}}}""" + "\n\n";
    private const string Completed =
        """data: {"jsonrpc":"2.0","id":1,"result":{"statusUpdate":{"taskId":"t","contextId":"c","status":"""
        + """{"state":"TASK_STATE_COMPLETED"}}}}""" + "\n\n";

    private static ValueTask<StreamEnd> ReadAsync(string body, RequestTimeline? timeline = null) =>
        Probe.ReadAsync(TrickleStream.Of(body, 7), timeline ?? new RequestTimeline(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ErrorEvent_MidStream_EndsFailedWithTheJsonRpcCode()
    {
        var body = Working + Chunk
            + "event: error\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"upstream went away\"}}\n\n";
        var timeline = new RequestTimeline();

        var end = await ReadAsync(body, timeline);

        end.ShouldBe(StreamEnd.Failed("JSON-RPC error -32603: upstream went away", "-32603"));
        timeline.ContentChunks.ShouldBe(1);
    }

    [Fact]
    public async Task PlainJsonAnswer_WithError_EndsFailed()
    {
        var end = await ReadAsync(
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found: SendStreamingMessage"}}""");

        end.ShouldBe(StreamEnd.Failed("JSON-RPC error -32601: Method not found: SendStreamingMessage", "-32601"));
    }

    [Theory]
    [InlineData("rejected", "rejected")]
    [InlineData("TASK_STATE_CANCELED", "canceled")]
    [InlineData("TASK_STATE_INPUT_REQUIRED", "input-required")]
    public async Task NonCompletedFinalStatus_EndsFailed(string state, string code)
    {
        var body = Chunk
            + """data: {"jsonrpc":"2.0","id":1,"result":{"kind":"status-update","taskId":"t","contextId":"c","status":"""
            + $$$"""{"state":"{{{state}}}"},"final":true}}""" + "\n\n";

        var end = await ReadAsync(body);

        end.ShouldBe(StreamEnd.Failed("the task ended " + code, code));
    }

    [Fact]
    public async Task CompletedTaskSnapshot_EndsTheStream()
    {
        var end = await ReadAsync(
            """data: {"jsonrpc":"2.0","id":1,"result":{"task":{"id":"t","contextId":"c","status":{"state":"TASK_STATE_COMPLETED"}}}}"""
            + "\n\n");

        end.ShouldBe(StreamEnd.Done);
    }

    [Theory]
    [InlineData(Chunk + Completed + Chunk, "an event (ArtifactUpdate) after the final status")]
    [InlineData(
        Chunk
        + "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"kind\":\"status-update\",\"status\":{\"state\":\"working\"},\"final\":"
        + "true}}\n\n", "a final status in the non-final state working")]
    [InlineData(
        "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"somethingElse\":{}}}\n\n",
        "an SSE event whose result is no task, message, status or artifact update")]
    [InlineData(Chunk + "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"artifactUpdate\":\n\n", "an A2A event is not valid JSON-RPC: ")]
    public async Task ContractBroken_IsAProtocolError(string body, string message)
    {
        var ex = await Should.ThrowAsync<StreamProtocolException>(async () => await ReadAsync(body));

        ex.Message.ShouldStartWith(message);
    }
}
