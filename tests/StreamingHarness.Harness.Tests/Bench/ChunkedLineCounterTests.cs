using System.Text;
using Shouldly;
using StreamingHarness.Harness.Bench;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>The neutral client's framing: lines counted in the decoded payload only, wherever the reads cut the bytes.</summary>
public sealed class ChunkedLineCounterTests
{
    private const string Chunked =
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "7\r\n{\"a\":1}\r\n1\r\n\n\r\nA;ext=1\r\n{\"b\":22}\n\n\r\n0\r\n\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Feed_ChunkedBodyInPieces_CountsPayloadNewlinesAndEnds(int pieceSize)
    {
        var counter = new ChunkedLineCounter();
        var bytes = Encoding.ASCII.GetBytes(Chunked);
        for (var i = 0; i < bytes.Length; i += pieceSize)
        {
            counter.Feed(bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i)));
        }

        counter.Lines.ShouldBe(3);
        counter.Done.ShouldBeTrue();
    }

    [Fact]
    public void Feed_BodyWithoutChunking_CountsUntilClose()
    {
        var counter = new ChunkedLineCounter();
        counter.Feed(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{}\n{}\n"));

        counter.Lines.ShouldBe(2);
        counter.EndsAtClose.ShouldBeTrue();
        counter.Done.ShouldBeFalse();
    }

    [Fact]
    public void Feed_NotOk_ThrowsWithTheStatusLine()
    {
        var counter = new ChunkedLineCounter();

        Should.Throw<InvalidDataException>(() => counter.Feed(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\n\r\n")))
            .Message.ShouldBe("not a 200: HTTP/1.1 404 Not Found");
    }
}
