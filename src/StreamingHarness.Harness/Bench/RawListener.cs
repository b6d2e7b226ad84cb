using System.Net;
using System.Net.Sockets;

namespace StreamingHarness.Harness.Bench;

/// <summary>The bench's raw-socket servers' accept loop: a loopback listener, a thread per connection, until the process ends.</summary>
internal static class RawListener
{
    public static void ServeForever(int port, Action<Socket> serve)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(1024);
        while (true)
        {
            var socket = listener.Accept();
            socket.NoDelay = true;
            new Thread(() => serve(socket)) { IsBackground = true }.Start();
        }
    }
}
