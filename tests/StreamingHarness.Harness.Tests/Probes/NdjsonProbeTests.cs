using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Harness.Tests.Probes;

public sealed class NdjsonProbeTests
{
    private static readonly NdjsonProbe Probe = new(new ProbeRequestOptions(new Uri("http://127.0.0.1:1")));

    private const string Chunk =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"%"},"done":false}""";
    private const string Done =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":"""
        + """true,"done_reason":"stop","eval_count":3}""";

    private static string Line(string content) => Chunk.Replace("%", content, StringComparison.Ordinal) + "\n";

    [Fact]
    public async Task ReadAsync_CompleteStream_CountsContentChunksAndTakesEvalCount_AndStampsItsReads()
    {
        var body = Line("") + Line("Hel") + Line("lo") + Line("é!") + Done + "\n";
        var timeline = new RequestTimeline();

        var end = await Probe.ReadAsync(TrickleStream.Of(body), timeline, TestContext.Current.CancellationToken);

        end.Error.ShouldBeNull();
        timeline.ContentChunks.ShouldBe(3);
        timeline.ReportedTokens.ShouldBe(3);
        timeline.GapCount.ShouldBe(2);
        timeline.End.ShouldBeGreaterThan(0);

        // The executor hands this probe the body unwrapped: bytes and first byte are the probe's to stamp.
        Probe.StampsReads.ShouldBeTrue();
        timeline.Bytes.ShouldBe(System.Text.Encoding.UTF8.GetByteCount(body));
        timeline.FirstByte.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ReadAsync_ToleratesBlankLinesAndCrlf()
    {
        var body = Line("a").Replace("\n", "\r\n", StringComparison.Ordinal) + "\n  \n" + Done + "\n";
        var timeline = new RequestTimeline();

        var end = await Probe.ReadAsync(TrickleStream.Of(body), timeline, TestContext.Current.CancellationToken);

        end.Error.ShouldBeNull();
        timeline.ContentChunks.ShouldBe(1);
    }

    [Fact]
    public async Task ReadAsync_InBandErrorLine_EndsWithTheServersMessage()
    {
        var body = Line("a") + """{"error":"an error was encountered while running the model: unexpected EOF"}""" + "\n";

        var end = await Probe.ReadAsync(TrickleStream.Of(body), new RequestTimeline(), TestContext.Current.CancellationToken);

        end.Error.ShouldBe("an error was encountered while running the model: unexpected EOF");
    }

    /// <summary>The error line ends the read there: a server that keeps the connection open after it does not hold the probe.</summary>
    [Fact]
    public async Task ReadAsync_InBandErrorLineOnAnOpenBody_EndsWithoutWaitingForTheBodysEnd()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Writer.WriteAsync(
            System.Text.Encoding.UTF8.GetBytes(Line("a") + """{"error":"boom"}""" + "\n"), TestContext.Current.CancellationToken);
        var timeline = new RequestTimeline();

        var end = await Probe.ReadAsync(pipe.Reader.AsStream(), timeline, TestContext.Current.CancellationToken)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        end.Error.ShouldBe("boom");
        timeline.ContentChunks.ShouldBe(1);
    }

    [Fact]
    public async Task ReadAsync_EndWithoutDone_IsAProtocolError()
    {
        var ex = await Should.ThrowAsync<StreamProtocolException>(async () =>
            await Probe.ReadAsync(TrickleStream.Of(Line("a") + Line("b")), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.Message.ShouldBe("the body ended after 2 lines without a done chunk");
    }

    [Fact]
    public async Task ReadAsync_LineAfterDone_IsAProtocolError()
    {
        var ex = await Should.ThrowAsync<StreamProtocolException>(async () =>
            await Probe.ReadAsync(
                TrickleStream.Of(Done + "\n" + Done + "\n"), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.Message.ShouldBe("ndjson line 2: a line after the done chunk");
    }

    [Fact]
    public async Task ReadAsync_MalformedLine_NamesTheLine()
    {
        var ex = await Should.ThrowAsync<NdjsonFormatException>(async () =>
            await Probe.ReadAsync(
                TrickleStream.Of(Line("a") + "{\"message\":\n"), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.LineNumber.ShouldBe(2);
    }

    [Fact]
    public async Task ReadAsync_TornLastLine_IsAFormatError()
    {
        var ex = await Should.ThrowAsync<NdjsonFormatException>(async () =>
            await Probe.ReadAsync(
                TrickleStream.Of(Line("a") + "{\"model\":\"m\",\"mess"), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.Kind.ShouldBe(NdjsonErrorKind.TornLine);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InText_IsAProtocolError()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Line("XY")).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF });

        var ex = await Should.ThrowAsync<StreamProtocolException>(async () =>
            await Probe.ReadAsync(new TrickleStream([.. bytes]), new RequestTimeline(), TestContext.Current.CancellationToken));

        ex.Message.ShouldBe("ndjson line 1: the text is not valid UTF-8");
    }
}
