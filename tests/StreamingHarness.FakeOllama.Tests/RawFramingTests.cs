using System.Net.Sockets;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>What HttpClient hides: the raw HTTP/1.1 bytes on the socket.</summary>
public sealed class RawFramingTests
{
    [Fact]
    public async Task NdjsonStream_SendsEachLineAsItsOwnChunk_AndEndsWithTheTerminator()
    {
        var raw = await ChatRawAsync("HTTP/1.1", "Connection: close\r\n");

        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = raw[..split];
        head.ShouldStartWith("HTTP/1.1 200 OK\r\n");
        head.ShouldContain("Content-Type: application/x-ndjson\r\n");
        head.ShouldContain("Transfer-Encoding: chunked");
        var chunks = ParseChunks(raw[(split + 4)..]);
        chunks.Count.ShouldBe(6);
        chunks.Take(5).ShouldAllBe(c => c.EndsWith('\n') && c.IndexOf('\n') == c.Length - 1);
        chunks[^1].ShouldBe("");
    }

    /// <summary>HTTP/1.0 has no chunked coding: the lines go unframed and the closed connection ends the body.</summary>
    [Fact]
    public async Task NdjsonStream_Http10_SendsTheLinesUnframed()
    {
        var raw = await ChatRawAsync("HTTP/1.0", "");

        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        raw[..split].ShouldNotContain("Transfer-Encoding");
        var lines = Wire.Normalize(raw[(split + 4)..]).Split('\n');
        lines.Length.ShouldBe(6);
        lines[0].ShouldBe("""{"model":"m","created_at":"T","message":{"role":"assistant","content":"Hello"},"done":false}""");
        lines[3].ShouldBe("""{"model":"m","created_at":"T","message":{"role":"assistant","content":"!"},"done":false}""");
        lines[4].ShouldStartWith("""{"model":"m","created_at":"T","message":{"role":"assistant","content":""},"done":true,""");
        lines[5].ShouldBe("");
    }

    /// <summary>A streamed /api/chat of the Hello scenario over a raw socket: every byte of the response, to the close.</summary>
    private static async Task<string> ChatRawAsync(string version, string headers)
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var socket = new TcpClient();
        await socket.ConnectAsync(fake.BaseAddress.Host, fake.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();
        const string Body = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";
        var request = $"POST /api/chat {version}\r\nHost: localhost\r\nContent-Length: {Body.Length}\r\n{headers}\r\n{Body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Chunked transfer coding: hex size (lower case, as Kestrel writes it), CRLF, data, CRLF, until the zero-size chunk.</summary>
    private static List<string> ParseChunks(string body)
    {
        var chunks = new List<string>();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd], 16);
            body[position..lineEnd].ShouldBe(size.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            body.Substring(lineEnd + 2 + size, 2).ShouldBe("\r\n");
            chunks.Add(body.Substring(lineEnd + 2, size));
            position = lineEnd + 2 + size + 2;
            if (size == 0)
            {
                return chunks;
            }
        }
    }
}
