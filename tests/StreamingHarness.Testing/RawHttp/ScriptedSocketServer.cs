using System.Net;
using System.Net.Sockets;

namespace StreamingHarness.Testing.RawHttp;

/// <summary>
/// A one-connection server that answers with bytes written exactly as scripted, for the framing cases Kestrel never
/// produces (a chunk header split from its data, a connection cut inside a chunk).
/// </summary>
public sealed class ScriptedSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    /// <param name="script">Called with the accepted socket once the request's head has been read.</param>
    public ScriptedSocketServer(Func<Socket, Task> script)
    {
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _serving = ServeAsync(script);
    }

    public Uri BaseAddress { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Func<Socket, Task> script)
    {
        using var socket = await _listener.AcceptSocketAsync();
        var head = new List<byte>();
        var buffer = new byte[1024];
        while (!head.ToArray().AsSpan().EndsWith("\r\n\r\n"u8))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                return;
            }

            head.AddRange(buffer[..n]);
        }

        await script(socket);
    }
}
