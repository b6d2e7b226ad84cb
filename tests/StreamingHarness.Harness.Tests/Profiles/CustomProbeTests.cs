using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Profiles;
using StreamingHarness.Harness.Tests.Probes;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Profiles;

public sealed class CustomProbeTests : IDisposable
{
    private const string A2aStyle = """
        name: a2a-style
        request: { path: /stream, body: '{"model":"{{model}}","prompt":"{{prompt}}"}' }
        framing: sse
        token: { event: content, text: $.content }
        done:  { event: complete }
        error: { event: error, message: $.message }
        ignore: [start, end]
        """;

    private const string Lines = """
        name: lines
        request: { path: /chat, body: '{"model":"{{model}}"}' }
        framing: ndjson
        token: { text: $.message.content }
        done: { when: $.done == true }
        error: { message: $.error }
        """;

    private static readonly ProbeRequestOptions Options = new(new Uri("http://127.0.0.1:1"), "hé \"there\"");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sse_TokensAndComplete_AreTimedAsTheBuiltInProbesTimeThem()
    {
        var body = "event: start\ndata: {}\n\n"
            + "event: content\ndata: {\"content\":\"Caf\\u00e9 \"}\n\n"
            + "event: content\ndata: {\"content\":\"\"}\n\n"
            + "event: content\ndata: {\"content\":\"☕\"}\n\n"
            + "event: complete\ndata: {}\n\nevent: end\ndata: \n\n";
        var text = new List<string>();
        var timeline = new RequestTimeline { Texts = text };

        var end = await Probe(A2aStyle).ReadAsync(TrickleStream.Of(body, 4), timeline, TestContext.Current.CancellationToken);

        end.Error.ShouldBeNull();
        timeline.ContentChunks.ShouldBe(2);
        timeline.HasFirstToken.ShouldBeTrue();
        timeline.GapCount.ShouldBe(1);
        timeline.End.ShouldBeGreaterThan(0);
        timeline.ReportedTokens.ShouldBeNull();
        text.ShouldBe(["Café ", "☕"]);
    }

    [Fact]
    public async Task Sse_WithoutTexts_StillCountsTheToken()
    {
        var timeline = new RequestTimeline();

        await Probe(A2aStyle)
            .ReadAsync(
            TrickleStream.Of("event: content\ndata: {\"content\":\"a\"}\n\nevent: complete\ndata: {}\n\n"), timeline,
            TestContext.Current.CancellationToken);

        timeline.ContentChunks.ShouldBe(1);
    }

    [Fact]
    public async Task Sse_ErrorEvent_FailsWithItsMessage()
    {
        var body = "event: content\ndata: {\"content\":\"a\"}\n\nevent: error\ndata: {\"message\":\"upstream stalled\"}\n\n";

        var end = await Probe(A2aStyle).ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken);

        end.Error.ShouldBe("upstream stalled");
    }

    [Theory]
    [InlineData("event: content\ndata: {\"content\":\"a\"}\n\n", "the SSE stream ended without its done event")]
    [InlineData("event: complete\ndata: {}\n\nevent: content\ndata: {\"content\":\"a\"}\n\n", "event 'content' after the done event")]
    [InlineData(
        "event: progress\ndata: {}\n\n", "event 'progress' matches no rule of profile 'a2a-style' (not token, done, error or ignore)")]
    [InlineData("event: content\ndata: {\"content\":\n\n", "event 'content' is not valid JSON")]
    public async Task Sse_BrokenStream_IsAProtocolError(string body, string message)
    {
        var ex = await Should.ThrowAsync<StreamProtocolException>(() =>
            Probe(A2aStyle).ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken).AsTask());

        ex.Message.ShouldStartWith(message);
    }

    [Fact]
    public async Task Ndjson_LinesUntilWhen_CountsContentAndTakesTheLastLinesText()
    {
        var body =
            "{\"message\":{\"content\":\"a\"},\"done\":false}\n\n{\"message\":{\"content\":\"b\"},\"done\":false}\r\n{\"message\":"
            + "{\"content\":\"c\"},\"done\":true}\n";
        var text = new List<string>();
        var timeline = new RequestTimeline { Texts = text };

        var end = await Probe(Lines).ReadAsync(TrickleStream.Of(body, 7), timeline, TestContext.Current.CancellationToken);

        end.Error.ShouldBeNull();
        timeline.ContentChunks.ShouldBe(3);
        text.ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public async Task Ndjson_ErrorLine_Fails()
    {
        var end = await Probe(Lines)
            .ReadAsync(
            TrickleStream.Of("{\"message\":{\"content\":\"a\"}}\n{\"error\":\"boom\"}\n"), new RequestTimeline(),
            TestContext.Current.CancellationToken);

        end.Error.ShouldBe("boom");
    }

    [Fact]
    public async Task Ndjson_BodyEndsWithoutDone_IsAProtocolError()
    {
        var ex = await Should.ThrowAsync<StreamProtocolException>(() =>
            Probe(Lines)
                .ReadAsync(
                TrickleStream.Of("{\"message\":{\"content\":\"a\"}}\n"), new RequestTimeline(), TestContext.Current.CancellationToken)
                .AsTask());

        ex.Message.ShouldBe("the body ended after 1 lines without the done line");
    }

    [Fact]
    public async Task CreateRequest_RendersThePathAndTheEscapedBody()
    {
        using var request = Probe(A2aStyle).CreateRequest("m1");

        request.Method.ShouldBe(HttpMethod.Post);
        request.RequestUri.ShouldBe(new Uri("http://127.0.0.1:1/stream"));
        (await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe("""{"model":"m1","prompt":"hé \"there\""}""");
    }

    private IStreamProbe Probe(string yaml)
    {
        Directory.CreateDirectory(_folder.Path);
        var path = Path.Combine(_folder.Path, $"p{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return ProfileFile.Load(path).CreateProbe(Options);
    }
}
