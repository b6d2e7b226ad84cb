using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The same minimal reader for every server: one raw socket per stream, one request written whole, reads into one
/// buffer, and only HTTP framing and newlines looked at (<see cref="ChunkedLineCounter"/>). No HttpClient, no JSON:
/// whatever it costs, it costs every server alike, and none of it is in the server's CPU.
/// </summary>
internal sealed class NeutralClient(IPEndPoint endpoint)
{
    private const int BufferSize = 16 * 1024;

    /// <summary>The ndjson request every server gets: the model names the scenario, the prompt repeats it for aimock's matching.</summary>
    public static byte[] ChatRequest(IPEndPoint endpoint, string model, string path = "/api/chat")
    {
        var body = $$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{model}}"}],"stream":true}""";
        var head = $"POST {path} HTTP/1.1\r\nHost: {endpoint}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n";
        return Encoding.UTF8.GetBytes(head + body);
    }

    /// <summary>Reads one stream to its end (or stops after <paramref name="stopAfterLines"/>) and returns the lines seen.</summary>
    public async Task<long> RunAsync(byte[] request, long stopAfterLines, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var counter = new ChunkedLineCounter();
        var buffer = new byte[BufferSize];
        while (!counter.Done && counter.Lines < stopAfterLines)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return counter.EndsAtClose || counter.Done
                    ? counter.Lines
                    : throw new IOException($"{endpoint} closed the stream after {counter.Lines} lines, before its end");
            }

            counter.Feed(buffer.AsSpan(0, read));
        }

        return counter.Lines;
    }
}
