using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing.RawHttp;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>The faults in SSE framing on <c>/v1/chat/completions</c>, against the same stream without the fault.</summary>
public sealed partial class OpenAiFaultTests
{
    [GeneratedRegex("chatcmpl-[0-9]+")]
    private static partial Regex ChunkId();

    private static string Ids(string text) => ChunkId().Replace(text, "chatcmpl-N");

    /// <summary>SSE events of a body (each <c>data: …</c> without its blank line), ids made comparable.</summary>
    private static List<string> Events(RawHttpResponse response) =>
        [.. Ids(response.BodyText).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)];

    private static async Task<(RawHttpResponse Faulted, List<string> Baseline, FakeOllamaServer Fake)> RunAsync(string faultYaml)
    {
        var fake = await StartAsync(faultYaml, FaultYaml.Baseline);
        var baseline = await SendAsync(fake, OpenAiChat("t") with { Headers = [new("X-Fake-Scenario", "base")] });
        return (await SendAsync(fake, OpenAiChat("t")), Events(baseline), fake);
    }

    private static string Truncation(long created) =>
        """data: {"id":"chatcmpl-N","object":"chat.completion.chunk","created":"""
        + $$"""{{created}},"model":"","system_fingerprint":"fp_ollama","choices":"""
        + """[{"index":0,"delta":{"content":""},"finish_reason":null}]}""";

    private static readonly long Created = DateTimeOffset.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture)
        .ToUnixTimeSeconds();

    [Fact]
    public async Task ErrorMidstream_OnV1_IsTheSilentTruncation()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("error-midstream", "after_tokens: 3"));
        await using var _ = fake;

        faulted.StatusCode.ShouldBe(200);
        faulted.Header("Content-Type").ShouldBe("text/event-stream");
        Events(faulted).ShouldBe([.. baseline.Take(3), Truncation(Created)]);
        faulted.BodyText.ShouldNotContain("[DONE]");
        faulted.BodyText.ShouldNotContain("finish_reason\":\"stop");
        faulted.End.ShouldBe(BodyEnd.ChunkedTerminator);
        baseline[^1].ShouldBe("data: [DONE]");
    }

    [Fact]
    public async Task LegacyError_OnV1_IsTheTruncationChunkAlone()
    {
        var (faulted, _, fake) = await RunAsync(FaultYaml.With("legacy-error"));
        await using var __ = fake;

        faulted.StatusCode.ShouldBe(200);
        Events(faulted).ShouldBe([Truncation(Created)]);
    }

    [Fact]
    public async Task EarlyEof_OnV1_HasEveryTokenButNoFinishChunkAndNoDone()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("early-eof"));
        await using var _ = fake;

        Events(faulted).ShouldBe(baseline.Take(5));
        faulted.End.ShouldBe(BodyEnd.ChunkedTerminator);
    }

    [Fact]
    public async Task Disconnect_OnV1_ResetsAfterThreeEvents()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("disconnect", "after_tokens: 3"));
        await using var _ = fake;

        Events(faulted).ShouldBe(baseline.Take(3));
        faulted.End.ShouldBe(BodyEnd.ConnectionReset);
    }

    [Fact]
    public async Task TornLine_OnV1_CutsTheEventInHalf()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("torn-line", "after_tokens: 1"));
        await using var _ = fake;

        var id = ChunkId().Match(faulted.BodyText).Value;
        var second = Encoding.UTF8.GetBytes(baseline[1].Replace("chatcmpl-N", id, StringComparison.Ordinal) + "\n\n");
        faulted.BodyText.ShouldBe(
            baseline[0].Replace("chatcmpl-N", id, StringComparison.Ordinal) + "\n\n"
            + Encoding.UTF8.GetString(second, 0, second.Length / 2));
        faulted.End.ShouldBe(BodyEnd.EofWithoutTerminator);
    }

    [Fact]
    public async Task EmptyChunks_OnV1_AreEmptyDeltas()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("empty-chunks", "after_tokens: 1", "repeat: false"));
        await using var _ = fake;

        var empty = baseline[1].Replace("\"content\":\" two\"", "\"content\":\"\"", StringComparison.Ordinal);
        Events(faulted).ShouldBe([baseline[0], empty, .. baseline.Skip(1)]);
    }

    [Fact]
    public async Task Trickle_OnV1_DeliversOneEventInPieces()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("trickle", "after_tokens: 2", "delay_ms: 0"));
        await using var _ = fake;

        Events(faulted).ShouldBe(baseline);
        faulted.Chunks.Count.ShouldBe(baseline.Count + 3);
    }

    [Fact]
    public async Task HttpError_OnV1_UsesTheNestedOpenAiShape()
    {
        var (faulted, _, fake) = await RunAsync(FaultYaml.With("overloaded-503"));
        await using var __ = fake;

        faulted.StatusCode.ShouldBe(503);
        faulted.Header("Content-Type").ShouldBe("application/json");
        faulted.BodyText.ShouldBe(
            """{"error":{"message":"server busy, please try again.  maximum pending requests """
            + """exceeded","type":"api_error","param":null,"code":null}}""" + "\n");
    }

    [Fact]
    public async Task WrongContentType_OnV1_LabelsTheEventStreamAsJson()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("wrong-content-type"));
        await using var _ = fake;

        faulted.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        Events(faulted).ShouldBe(baseline);
    }
}
