using System.Net;
using System.Text;

namespace StreamingHarness.Client.Tests.Memory;

/// <summary>
/// An Ollama answer of <c>tokens</c> chunks and a done line, made on the fly as it is read (nothing per line is
/// allocated), served by a handler in place of the network, so the allocations measured are the client's alone.
/// </summary>
internal sealed class ScriptedNdjsonBody(int tokens) : Stream
{
    private static readonly byte[] Token =
        Encoding.UTF8.GetBytes(
            """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":" tok\u00e9n"},"done":false}"""
            + "\n");

    private static readonly byte[] Done =
        Encoding.UTF8.GetBytes(
            """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":"""
            + """true,"done_reason":"stop","eval_count":1}""" + "\n");

    private int _line;
    private int _offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static HttpMessageHandler Handler(int tokens) => new ScriptedHandler(tokens);

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _line <= tokens)
        {
            var line = _line < tokens ? Token : Done;
            var count = Math.Min(line.Length - _offset, buffer.Length - written);
            line.AsSpan(_offset, count).CopyTo(buffer[written..]);
            written += count;
            _offset += count;
            if (_offset == line.Length)
            {
                _line++;
                _offset = 0;
            }
        }

        return written;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private sealed class ScriptedHandler(int tokens) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(
                new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new ScriptedNdjsonBody(tokens), 16 * 1024) });
    }
}
