using System.Text;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Client.Tests.Streaming;

/// <summary>
/// A connection that breaks: in the middle of a line (bytes read past the last newline) it is a protocol failure
/// naming the cut line and its length; between lines it is a disconnect. The count comes from the line reader itself.
/// </summary>
public sealed class OllamaChunkReaderBreakTests
{
    private const string Line = """{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}""" + "\n";

    [Fact]
    public async Task ReadLine_BreakMidLine_IsUpstreamProtocolWithTheCutLength()
    {
        var error = await ReadUntilBreakAsync(Line + Line + """{"model":"m","mess""");

        error.Code.ShouldBe(RelayErrorCodes.UpstreamProtocol);
        error.Message.ShouldBe("upstream line 3 was cut after 18 bytes when the connection broke: connection reset by peer");
    }

    [Fact]
    public async Task ReadLine_BreakBetweenLines_IsUpstreamDisconnected()
    {
        var error = await ReadUntilBreakAsync(Line + Line);

        error.Code.ShouldBe(RelayErrorCodes.UpstreamDisconnected);
        error.Message.ShouldBe("the upstream connection broke: connection reset by peer");
    }

    private static async Task<OllamaStreamException> ReadUntilBreakAsync(string body)
    {
        using var deadlines = new OllamaStreamDeadlines(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), new FakeTimeProvider(),
            TestContext.Current.CancellationToken);
        var response = new HttpResponseMessage { Content = new StreamContent(new BreaksAtEnd(Encoding.UTF8.GetBytes(body))) };
        await using var reader = await OllamaChunkReader.OpenAsync(response, OllamaEndpoint.Chat, deadlines, 1024, false);
        return await Should.ThrowAsync<OllamaStreamException>(async () =>
        {
            while (await reader.ReadLineAsync())
            {
            }
        });
    }

    /// <summary>The body, then a connection reset instead of its end.</summary>
    private sealed class BreaksAtEnd(byte[] body) : MemoryStream(body, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position < Length ? base.Read(buffer, offset, count) : throw new IOException("connection reset by peer");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset by peer");
    }
}
