using System.Buffers;
using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Protocol.Tests.Ndjson;

/// <summary>The line reader straight over a stream (the Ollama chunk reader's body): the same lines and errors as over a pipe.</summary>
public sealed class NdjsonReaderStreamTests
{
    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<List<string>> ReadAllAsync(NdjsonReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(Encoding.UTF8.GetString(reader.Current.ToArray()));
        }

        return lines;
    }

    [Fact]
    public async Task ReadLine_LinesSplitAcrossReads_YieldsWholeLines_AndCountsBytes()
    {
        var body = new PiecesStream(B("{\"a\":1}\n{\"b\""), B(":2}"), B("\r\n\n{\"c\":3}\n"));
        var reader = new NdjsonReader(body);

        var lines = await ReadAllAsync(reader);

        lines.ShouldBe(["{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}"]);
        reader.LineNumber.ShouldBe(4);
        reader.BytesConsumed.ShouldBe(26);
    }

    [Fact]
    public async Task ReadLine_LineLongerThanTheReadBuffer_GrowsTheBuffer()
    {
        var longText = new string('x', 10_000);
        var body = new PiecesStream(B("{\"a\":1}\n{\"t\":\""), B(longText), B(longText + "\"}\nend\n"));

        var lines = await ReadAllAsync(new NdjsonReader(body));

        lines.ShouldBe(["{\"a\":1}", "{\"t\":\"" + longText + longText + "\"}", "end"]);
    }

    [Fact]
    public async Task ReadLine_NothingLeftInTheBuffer_WaitsWithAZeroByteRead()
    {
        var body = new PiecesStream(B("a\nb"), B("\n"), B("c\n"));
        var reader = new NdjsonReader(body);

        await ReadAllAsync(reader);

        // Before the first piece and after each piece that ended on a newline: no buffer is held while waiting.
        body.ReadSizes.Where(size => size == 0).Count().ShouldBe(3);
        body.ReadSizes[0].ShouldBe(0);
        body.ReadSizes[2].ShouldBeGreaterThan(0); // "b" was left over: read on at once
    }

    [Fact]
    public async Task ReadLine_BodyEndsMidLine_IsATornLine_WithTheBytesPastTheLastLine()
    {
        var reader = new NdjsonReader(new PiecesStream(B("{\"a\":1}\n{\"resp\tonse\":")));

        var error = await Should.ThrowAsync<NdjsonFormatException>(() => ReadAllAsync(reader));

        error.Kind.ShouldBe(NdjsonErrorKind.TornLine);
        error.Message.ShouldBe(
            "ndjson line 2: the body ended mid-line, 13 bytes after the last newline (line starts: \"{\\\"resp\\tonse\\\":\")");
        reader.BytesPastLastLine.ShouldBe(13);
        reader.BytesConsumed.ShouldBe(8);
    }

    [Fact]
    public async Task ReadLine_LineOverTheLimit_FailsWithItsNumberAndSnippet()
    {
        var reader = new NdjsonReader(new PiecesStream(B("0123456789\n0123456789A\n")), maxLineLength: 10);

        var error = await Should.ThrowAsync<NdjsonFormatException>(() => ReadAllAsync(reader));

        error.Kind.ShouldBe(NdjsonErrorKind.LineTooLong);
        error.Message.ShouldBe("ndjson line 2: line longer than the limit of 10 bytes (line starts: \"0123456789A\")");
    }

    [Fact]
    public async Task ReadLine_EmptyBody_EndsCleanly()
    {
        (await ReadAllAsync(new NdjsonReader(new PiecesStream()))).ShouldBeEmpty();
    }

    /// <summary>Gives one piece per read (at most what the buffer takes), and records the size of every read asked.</summary>
    private sealed class PiecesStream(params byte[][] pieces) : Stream
    {
        private int _piece;
        private int _offset;

        public List<int> ReadSizes { get; } = [];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ReadSizes.Add(buffer.Length);
            if (buffer.IsEmpty || _piece == pieces.Length)
            {
                return ValueTask.FromResult(0);
            }

            var piece = pieces[_piece];
            var count = Math.Min(buffer.Length, piece.Length - _offset);
            piece.AsSpan(_offset, count).CopyTo(buffer.Span);
            _offset += count;
            if (_offset == piece.Length)
            {
                _piece++;
                _offset = 0;
            }

            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
