using System.Text;
using Shouldly;
using StreamingHarness.Harness.Bench;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>The relay floor's upstream reader: every payload line exactly, wherever the reads cut the chunks.</summary>
public sealed class ChunkedBodyDecoderTests
{
    private const string Response =
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "8\r\n{\"a\":1}\n\r\n4\r\n{\"b\"\r\nB\r\n:22}\n{\"c\":3\r\n2\r\n}\n\r\n0\r\n\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Feed_ChunkedBodyInPieces_HandsOutEachLineThenEnds(int pieceSize)
    {
        var decoder = new ChunkedBodyDecoder();
        var lines = new List<string>();
        var bytes = Encoding.ASCII.GetBytes(Response);
        for (var i = 0; i < bytes.Length; i += pieceSize)
        {
            var piece = bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i));
            piece.CopyTo(decoder.FreeSpace().Span);
            decoder.Feed(piece.Length, lines, static (line, seen) => seen.Add(Encoding.ASCII.GetString(line)));
        }

        lines.ShouldBe(["{\"a\":1}", "{\"b\":22}", "{\"c\":3}"]);
        decoder.Ended.ShouldBeTrue();
    }

    [Fact]
    public void Feed_NotOk_Throws()
    {
        var decoder = new ChunkedBodyDecoder();
        var bytes = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
        bytes.CopyTo(decoder.FreeSpace());

        Should.Throw<InvalidDataException>(() => decoder.Feed(bytes.Length, 0, static (_, _) => { }))
            .Message.ShouldBe("the upstream's answer is not a chunked 200");
    }
}
