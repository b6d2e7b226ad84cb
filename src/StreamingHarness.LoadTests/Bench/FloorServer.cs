using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StreamingHarness.LoadTests.Bench;

/// <summary>
/// The physical limit to compare servers with: pre-rendered lines, one blocking <c>send()</c> each. Unpaced
/// streams send back to back on the connection's own thread; paced streams all share ONE pacing thread that wakes
/// every interval on an absolute schedule and sends every stream its next line. It answers any GET with 200, for
/// readiness checks. Run by <c>bench</c> as its own process (<c>bench-floor</c>), so its CPU is measured apart.
/// </summary>
internal sealed class FloorServer
{
    private readonly FloorLines _unpaced;
    private readonly FloorLines _paced;
    private readonly TimeSpan _interval;
    private readonly ConcurrentQueue<Socket> _joining = new();

    public FloorServer(BenchText text, TimeSpan interval)
    {
        _unpaced = new FloorLines(text, BenchText.UnpacedModel);
        _paced = new FloorLines(text, BenchText.PacedModel);
        _interval = interval;
    }

    public void Run(int port)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(1024);
        new Thread(Pace) { IsBackground = true, Name = "floor pacer" }.Start();
        while (true)
        {
            var socket = listener.Accept();
            socket.NoDelay = true;
            new Thread(() => Serve(socket)) { IsBackground = true }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        try
        {
            var request = ReadRequest(socket);
            if (request.StartsWith("GET ", StringComparison.Ordinal))
            {
                socket.Send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8);
            }
            else if (request.Contains(BenchText.PacedModel, StringComparison.Ordinal))
            {
                _joining.Enqueue(socket);
                return;
            }
            else
            {
                foreach (var line in _unpaced.Lines)
                {
                    socket.Send(line);
                }
            }
        }
        catch (SocketException)
        {
            // The client went away: nothing to do for a floor.
        }

        socket.Dispose();
    }

    private void Pace()
    {
        var streams = new List<(Socket Socket, int Next)>();
        var start = DateTime.UtcNow;
        for (long tick = 1; ; tick++)
        {
            var wait = start + (_interval * tick) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            while (_joining.TryDequeue(out var joined))
            {
                streams.Add((joined, 0));
            }

            for (var i = streams.Count - 1; i >= 0; i--)
            {
                var (socket, next) = streams[i];
                if (!TrySend(socket, _paced.Lines[next]) || next + 1 == _paced.Lines.Count)
                {
                    socket.Dispose();
                    streams.RemoveAt(i);
                }
                else
                {
                    streams[i] = (socket, next + 1);
                }
            }
        }
    }

    private static bool TrySend(Socket socket, byte[] line)
    {
        try
        {
            socket.Send(line);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The request's head and body as text (Content-Length bodies only: every bench client sends one).</summary>
    private static string ReadRequest(Socket socket)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = socket.Receive(buffer, length, buffer.Length - length, SocketFlags.None);
            if (read == 0)
            {
                break;
            }

            length += read;
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd >= 0 && text.Length - headEnd - 4 >= ContentLength(text[..headEnd]))
            {
                return text;
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static int ContentLength(string head)
    {
        const string Name = "content-length:";
        var at = head.IndexOf(Name, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return 0;
        }

        var end = head.IndexOf('\r', at);
        var value = head.AsSpan(at + Name.Length, (end < 0 ? head.Length : end) - at - Name.Length).Trim();
        return int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
