using System.Text;
using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>Malformed streams, byte for byte against the same answer without the fault (the manual clock fixes every timestamp).</summary>
public sealed class MalformedFaultTests
{
    private static async Task<(RawHttpResponse Faulted, RawHttpResponse Baseline, FakeOllamaServer Fake)> RunAsync(
        string faultYaml, RawHttpRequest? request = null)
    {
        var fake = await StartAsync(faultYaml, FaultYaml.Baseline);
        request ??= Chat("t");
        var baseline = await SendAsync(fake, request with { Headers = [.. request.Headers ?? [], new("X-Fake-Scenario", "base")] });
        var faulted = await SendAsync(fake, request);
        return (faulted, baseline, fake);
    }

    private static string Joined(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    [Fact]
    public async Task MalformedLine_InsertsTheNextLineWithoutItsClosingBrace()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("malformed-line", "after_tokens: 2"));
        await using var _ = fake;

        var expected = baseline.Lines.Take(2).Append(baseline.Lines[2][..^1]).Concat(baseline.Lines.Skip(2));
        faulted.BodyText.ShouldBe(Joined(expected));
        faulted.End.ShouldBe(BodyEnd.ChunkedTerminator);
        (await FinishedEntryAsync(fake)).LinesWritten.ShouldBe(baseline.Lines.Count + 1);
    }

    [Fact]
    public async Task MalformedLine_CustomTextReplacingTheLine_IsWrittenAsGiven()
    {
        var (faulted, baseline, fake) = await RunAsync(
            FaultYaml.With("malformed-line", "after_tokens: 1", "replace: true", "text: 'not json at all'"));
        await using var _ = fake;

        faulted.BodyText.ShouldBe(Joined(baseline.Lines.Take(1).Append("not json at all").Concat(baseline.Lines.Skip(2))));
    }

    [Fact]
    public async Task BlankLines_PrefixEveryLineWithNoiseAndEndItWithCrlf()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("blank-lines"));
        await using var _ = fake;

        faulted.BodyText.ShouldBe(string.Concat(baseline.Lines.Select(l => "\r\n \t \n" + l + "\r\n")));
    }

    [Fact]
    public async Task EarlyEof_EndsCleanlyWithEveryTokenButNoDoneLine()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("early-eof"));
        await using var _ = fake;

        faulted.BodyText.ShouldBe(Joined(baseline.Lines.SkipLast(1)));
        faulted.End.ShouldBe(BodyEnd.ChunkedTerminator);
        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.Fault);
        entry.TokensDelivered.ShouldBe(5);
    }

    [Fact]
    public async Task AfterDone_RepeatsTheDoneLine()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("after-done", "count: 2"));
        await using var _ = fake;

        faulted.BodyText.ShouldBe(Joined(baseline.Lines.Append(baseline.Lines[^1]).Append(baseline.Lines[^1])));
        baseline.Lines[^1].ShouldContain("\"done\":true");
    }

    [Fact]
    public async Task AfterDone_Content_WritesATokenLineAfterTheEnd()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("after-done", "extra: content"));
        await using var _ = fake;

        faulted.BodyText.ShouldBe(Joined(baseline.Lines.Append(baseline.Lines[^2])));
    }

    [Fact]
    public async Task WrongTypes_DropsTheMessageOfOneLineAndStringifiesTheFinalCounts()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.Scenario("t", FaultYaml.Response,
            ("wrong-types", ["mutation: missing-message", "after_tokens: 2"]),
            ("wrong-types", ["mutation: string-counts"])));
        await using var _ = fake;

        faulted.Lines[2].ShouldBe($$"""{"model":"t","created_at":"{{CreatedAt}}","done":false}""");
        faulted.Lines[^1].ShouldBe(
            baseline.Lines[^1].Replace("\"prompt_eval_count\":1", "\"prompt_eval_count\":\"1\"", StringComparison.Ordinal)
            .Replace("\"eval_count\":5", "\"eval_count\":\"5\"", StringComparison.Ordinal));
        faulted.Lines.Where((_, i) => i != 2 && i != faulted.Lines.Count - 1)
            .ShouldBe(baseline.Lines.Where((_, i) => i != 2 && i != baseline.Lines.Count - 1));
    }

    [Theory]
    [InlineData("number-content", "42")]
    [InlineData("null-content", "null")]
    public async Task WrongTypes_MistypedContent(string mutation, string written)
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("wrong-types", $"mutation: {mutation}", "after_tokens: 0"));
        await using var _ = fake;

        faulted.Lines[0].ShouldBe(baseline.Lines[0].Replace("\"content\":\"one\"", $"\"content\":{written}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmptyChunks_PrecedeEveryTokenWithAnEmptyContentChunk()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("empty-chunks"));
        await using var _ = fake;

        var empty = ChatLine("t", "").TrimEnd('\n');
        faulted.BodyText.ShouldBe(Joined(baseline.Lines.SkipLast(1).SelectMany(l => new[] { empty, l }).Append(baseline.Lines[^1])));
        (await FinishedEntryAsync(fake)).TokensDelivered.ShouldBe(5);
    }

    [Fact]
    public async Task EmptyChunks_OnGenerate_EmptyTheResponseField()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("empty-chunks", "after_tokens: 4"), Generate("t"));
        await using var _ = fake;

        faulted.BodyText.ShouldBe(
            Joined(baseline.Lines.Take(4).Append(GenerateLine("t", "").TrimEnd('\n')).Concat(baseline.Lines.Skip(4))));
    }

    [Fact]
    public async Task HugeLine_ReplacesOneTokenWithALineOfTheGivenSize()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("huge-line", "after_tokens: 2", "size_bytes: 3000000"));
        await using var _ = fake;

        var huge = baseline.Lines[2].Replace("\" three\"", "\"" + new string('a', 3_000_000) + "\"", StringComparison.Ordinal);
        faulted.BodyText.ShouldBe(Joined(baseline.Lines.Take(2).Append(huge).Concat(baseline.Lines.Skip(3))));
        (await FinishedEntryAsync(fake)).BytesWritten.ShouldBe(faulted.Body.Length);
    }

    [Fact]
    public async Task BadUtf8_PutsTheRawBytesInsideTheJsonString()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("bad-utf8", "after_tokens: 1", "hex: 'C3 28 FF'"));
        await using var _ = fake;

        var second = Encoding.UTF8.GetBytes(baseline.Lines[1]);
        var close = second.AsSpan().IndexOf("\"},\"done\""u8);
        byte[] expectedLine = [.. second.AsSpan(0, close), 0xC3, 0x28, 0xFF, .. second.AsSpan(close), (byte)'\n'];
        var start = Encoding.UTF8.GetByteCount(baseline.Lines[0] + "\n");
        faulted.Body.AsSpan(start, expectedLine.Length).ToArray().ShouldBe(expectedLine);
        Encoding.UTF8.GetString(faulted.Body.AsSpan(start + expectedLine.Length)).ShouldBe(Joined(baseline.Lines.Skip(2)));
    }

    [Fact]
    public async Task WrongContentType_LabelsTheUnchangedStreamAsJson()
    {
        var (faulted, baseline, fake) = await RunAsync(FaultYaml.With("wrong-content-type"));
        await using var _ = fake;

        faulted.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        faulted.Header("Transfer-Encoding").ShouldBe("chunked");
        faulted.BodyText.ShouldBe(baseline.BodyText);
        faulted.Chunks.Count.ShouldBe(baseline.Chunks.Count);
    }
}
