using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Protocol.Tests.Ndjson;

public sealed class NdjsonReaderTests
{
    /// <summary>Feeds the pieces as separate writes (each flushed) and reads every line until the end.</summary>
    private static async Task<List<string>> ReadAllAsync(NdjsonReader reader, Pipe pipe, params byte[][] pieces)
    {
        var lines = new List<string>();
        var writing = Task.Run(async () =>
        {
            foreach (var piece in pieces)
            {
                await pipe.Writer.WriteAsync(piece, TestContext.Current.CancellationToken);
            }

            await pipe.Writer.CompleteAsync();
        });
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(Encoding.UTF8.GetString(reader.Current.ToArray()));
        }

        await writing;
        return lines;
    }

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ReadLine_LinesSplitAcrossReads_YieldsWholeLines()
    {
        var pipe = new Pipe();

        var lines = await ReadAllAsync(new NdjsonReader(pipe.Reader), pipe, B("{\"a\":1}\n{\"b\""), B(":2}"), B("\n{\"c\":3}\n"));

        lines.ShouldBe(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]);
    }

    [Fact]
    public async Task ReadLine_SplitInsideMultiByteCharacter_DecodesTheCharacter()
    {
        var pipe = new Pipe();
        var text = B("{\"t\":\"é🙂\"}\n");
        var cut = Array.IndexOf(text, (byte)0xC3) + 1;
        var emoji = Array.IndexOf(text, (byte)0xF0) + 2;

        var lines = await ReadAllAsync(new NdjsonReader(pipe.Reader), pipe, text[..cut], text[cut..emoji], text[emoji..]);

        lines.ShouldBe(["{\"t\":\"é🙂\"}"]);
    }

    [Fact]
    public async Task ReadLine_Crlf_DropsTheCarriageReturn_AndCountsBlankLines()
    {
        var pipe = new Pipe();
        var reader = new NdjsonReader(pipe.Reader);

        var lines = await ReadAllAsync(reader, pipe, B("a\r\n\r\nb\r"), B("\n"));

        lines.ShouldBe(["a", "", "b"]);
        reader.LineNumber.ShouldBe(3);
        reader.BytesConsumed.ShouldBe(8);
    }

    [Fact]
    public async Task ReadLine_EmptyBody_EndsCleanly()
    {
        var pipe = new Pipe();

        (await ReadAllAsync(new NdjsonReader(pipe.Reader), pipe)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadLine_LineOverTheLimit_FailsWithItsNumberAndSnippet()
    {
        var pipe = new Pipe();
        var reader = new NdjsonReader(pipe.Reader, maxLineLength: 10);

        var error = await Should.ThrowAsync<NdjsonFormatException>(() => ReadAllAsync(reader, pipe, B("0123456789\n0123456789A\n")));

        error.Kind.ShouldBe(NdjsonErrorKind.LineTooLong);
        error.LineNumber.ShouldBe(2);
        error.Message.ShouldBe("ndjson line 2: line longer than the limit of 10 bytes (line starts: \"0123456789A\")");
    }

    [Fact]
    public async Task ReadLine_LimitCountsTheLineWithoutItsCarriageReturn()
    {
        var pipe = new Pipe();

        (await ReadAllAsync(new NdjsonReader(pipe.Reader, maxLineLength: 3), pipe, B("abc\r\n"))).ShouldBe(["abc"]);
    }

    [Fact]
    public async Task ReadLine_HugeLineWithoutNewline_FailsBeforeBufferingItAll()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var reader = new NdjsonReader(pipe.Reader, maxLineLength: 100);
        // 101 bytes could still be 100 plus a CR; 102 cannot.
        await pipe.Writer.WriteAsync(new byte[102], TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<NdjsonFormatException>(
            async () => await reader.ReadLineAsync(TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(NdjsonErrorKind.LineTooLong);
        error.LineNumber.ShouldBe(1);
        error.Snippet.ShouldEndWith("… (102 bytes)");
    }

    [Fact]
    public async Task ReadLine_BodyEndsMidLine_IsATornLineWithNumberAndSnippet()
    {
        var pipe = new Pipe();
        var reader = new NdjsonReader(pipe.Reader);

        var error = await Should.ThrowAsync<NdjsonFormatException>(() => ReadAllAsync(reader, pipe, B("{\"a\":1}\n{\"resp\tonse\":")));

        error.Kind.ShouldBe(NdjsonErrorKind.TornLine);
        error.LineNumber.ShouldBe(2);
        error.Snippet.ShouldBe("\"{\\\"resp\\tonse\\\":\"");
        error.Message.ShouldBe(
            "ndjson line 2: the body ended mid-line, 13 bytes after the last newline (line starts: \"{\\\"resp\\tonse\\\":\")");
    }
}
