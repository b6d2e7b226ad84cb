using System.Text.Json;
using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Tests.Probes;

/// <summary>The A2A probe against a real <c>@a2a-js/sdk</c> 1.3.0 agent, in both protocol versions.</summary>
public sealed class A2aSseProbeTests(A2aAgentFixture agent) : IClassFixture<A2aAgentFixture>
{
    private static readonly HttpClient Client = new();

    private async Task<(StreamEnd End, RequestTimeline Timeline, List<string> Texts)> RunAsync(string model, string version)
    {
        var probe = new A2aSseProbe(new ProbeRequestOptions(agent.BaseAddress, Prompt: "Say hello"), protocolVersion: version);
        var texts = new List<string>();
        var timeline = new RequestTimeline { Texts = texts };
        var cancel = TestContext.Current.CancellationToken;
        using var request = probe.CreateRequest(model);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/event-stream");
        var end = await probe.ReadAsync(await response.Content.ReadAsStreamAsync(cancel), timeline, cancel);
        return (end, timeline, texts);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0.3")]
    public async Task Stream_EveryArtifactChunk_IsATokenAndCompletedIsDone(string version)
    {
        var (end, timeline, texts) = await RunAsync("stream", version);

        end.ShouldBe(StreamEnd.Done);
        texts.ShouldBe(A2aAgentFixture.Chunks);
        timeline.ContentChunks.ShouldBe(6);
        timeline.HasFirstToken.ShouldBeTrue();
        timeline.End.ShouldBeGreaterThan(0);
        timeline.OutputTokens.ShouldBe(6);
        timeline.TokenSource.ShouldBe(TokenCountSource.ChunksNoCount);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0.3")]
    public async Task Fail_FailedStatusMidStream_EndsFailedWithTheAgentsReason(string version)
    {
        var (end, timeline, texts) = await RunAsync("fail", version);

        end.ShouldBe(StreamEnd.Failed("upstream stream ended early", "failed"));
        texts.ShouldBe(["Hel", "lo, "]);
        timeline.ContentChunks.ShouldBe(2);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0.3")]
    public async Task Throw_ExecutorCrashesMidStream_EndsFailed(string version)
    {
        var (end, _, texts) = await RunAsync("throw", version);

        end.ShouldBe(StreamEnd.Failed("Agent execution error: model runner crashed", "failed"));
        texts.ShouldBe(["Hel", "lo, "]);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0.3")]
    public async Task Truncate_StreamEndsWithoutFinalStatus_IsAProtocolError(string version)
    {
        var ex = await Should.ThrowAsync<StreamProtocolException>(async () => await RunAsync("truncate", version));

        ex.Message.ShouldBe("the SSE stream ended without a final task status");
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0.3")]
    public async Task Reply_DirectMessage_IsOneTokenAndDone(string version)
    {
        var (end, timeline, texts) = await RunAsync("reply", version);

        end.ShouldBe(StreamEnd.Done);
        texts.ShouldBe([string.Concat(A2aAgentFixture.Chunks)]);
        timeline.ContentChunks.ShouldBe(1);
    }

    [Fact]
    public async Task CreateRequest_V1_IsTheSdksSendStreamingMessage()
    {
        var probe = new A2aSseProbe(new ProbeRequestOptions(new Uri("http://127.0.0.1:1"), Prompt: "Why \"blue\"?"), "/a2a");
        using var request = probe.CreateRequest("error-midstream");

        request.RequestUri.ShouldBe(new Uri("http://127.0.0.1:1/a2a"));
        request.Headers.GetValues("A2A-Version").ShouldBe(["1.0"]);
        request.Headers.Accept.ToString().ShouldBe("text/event-stream");
        var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var messageId = body.GetProperty("params").GetProperty("message").GetProperty("messageId").GetString();
        Guid.TryParse(messageId, out _).ShouldBeTrue();
        body.GetRawText().ShouldBe(
            """{"jsonrpc":"2.0","method":"SendStreamingMessage","params":"""
            + $$$"""{"message":{"messageId":"{{{messageId}}}","role":"ROLE_USER","parts":"""
            + """[{"text":"Why \"blue\"?"}]},"metadata":{"model":"error-midstream"}},"id":1}""");
    }
}
