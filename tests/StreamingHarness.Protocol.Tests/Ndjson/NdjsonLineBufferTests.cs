using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Protocol.Tests.Ndjson;

public sealed class NdjsonLineBufferTests
{
    /// <summary>Feeds each piece as one read, takes every complete line after it, then ends the body.</summary>
    private static List<string> ReadAll(NdjsonLineBuffer lines, params byte[][] pieces)
    {
        var taken = new List<string>();
        foreach (var piece in pieces)
        {
            var rest = piece.AsSpan();
            while (!rest.IsEmpty)
            {
                var free = lines.GetMemory().Span;
                var count = Math.Min(free.Length, rest.Length);
                rest[..count].CopyTo(free);
                lines.Advance(count);
                rest = rest[count..];
                while (lines.TryReadLine(out var line))
                {
                    taken.Add(Encoding.UTF8.GetString(line));
                }
            }
        }

        lines.Complete();
        return taken;
    }

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void TryReadLine_LinesSplitAcrossReads_YieldsWholeLines()
    {
        using var lines = new NdjsonLineBuffer();

        var taken = ReadAll(lines, B("{\"a\":1}\n{\"b\""), B(":2}"), B("\n{\"c\":3}\n"));

        taken.ShouldBe(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]);
        lines.LineNumber.ShouldBe(3);
    }

    [Fact]
    public void TryReadLine_SplitInsideMultiByteCharacter_YieldsTheWholeCharacter()
    {
        using var lines = new NdjsonLineBuffer();
        var text = B("{\"t\":\"é🙂\"}\n");
        var cut = Array.IndexOf(text, (byte)0xC3) + 1;
        var emoji = Array.IndexOf(text, (byte)0xF0) + 2;

        ReadAll(lines, text[..cut], text[cut..emoji], text[emoji..]).ShouldBe(["{\"t\":\"é🙂\"}"]);
    }

    [Fact]
    public void TryReadLine_Crlf_DropsTheCarriageReturn_AndCountsBlankLines()
    {
        using var lines = new NdjsonLineBuffer();

        ReadAll(lines, B("{\"a\":1}\r\n\n \r\n{\"b\":2}\n")).ShouldBe(["{\"a\":1}", "", " ", "{\"b\":2}"]);
        lines.LineNumber.ShouldBe(4);
    }

    [Fact]
    public void TryReadLine_LinesLongerThanTheBuffer_GrowItAndKeepEveryByte()
    {
        using var lines = new NdjsonLineBuffer();
        var longLine = "{\"t\":\"" + new string('x', 20_000) + "\"}";
        var body = B(longLine + "\n" + longLine + "\n{}\n");

        // Trickled 700 bytes a read, so the buffer compacts and grows mid-line.
        var pieces = body.Chunk(700).ToArray();

        ReadAll(lines, pieces).ShouldBe([longLine, longLine, "{}"]);
    }

    [Fact]
    public void Complete_BytesAfterTheLastNewline_IsATornLine()
    {
        using var lines = new NdjsonLineBuffer();

        var ex = Should.Throw<NdjsonFormatException>(() => ReadAll(lines, B("{\"a\":1}\n{\"model\":\"m\",\"mess")));

        ex.Kind.ShouldBe(NdjsonErrorKind.TornLine);
        ex.LineNumber.ShouldBe(2);
        ex.Message.ShouldBe(
            """ndjson line 2: the body ended mid-line, 18 bytes after the last newline (line starts: "{\"model\":\"m\",\"mess")""");
    }

    [Fact]
    public void TryReadLine_LineOverTheLimit_IsLineTooLong_WithOrWithoutItsNewline()
    {
        using var ended = new NdjsonLineBuffer(maxLineLength: 8);
        using var endless = new NdjsonLineBuffer(maxLineLength: 8);

        var withNewline = Should.Throw<NdjsonFormatException>(() => ReadAll(ended, B("{}\n{\"a\":123}\n")));
        var withoutNewline = Should.Throw<NdjsonFormatException>(() => ReadAll(endless, B("{}\n{\"a\":\"123456\"")));

        withNewline.Kind.ShouldBe(NdjsonErrorKind.LineTooLong);
        withNewline.LineNumber.ShouldBe(2);
        withNewline.Message.ShouldBe("""ndjson line 2: line longer than the limit of 8 bytes (line starts: "{\"a\":123}")""");
        withoutNewline.Kind.ShouldBe(NdjsonErrorKind.LineTooLong);
        withoutNewline.LineNumber.ShouldBe(2);
    }

    [Fact]
    public void TryReadLine_CrlfLineAtTheLimit_IsNotTooLong()
    {
        using var lines = new NdjsonLineBuffer(maxLineLength: 8);

        ReadAll(lines, B("{\"a\":12}\r\n")).ShouldBe(["{\"a\":12}"]);
    }
}
