using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The physical limit to compare servers with: pre-rendered lines, one blocking <c>send()</c> each. Unpaced
/// streams send back to back on the connection's own thread. Paced streams come in two schedules, each served by ONE
/// pacing thread on an absolute schedule:
/// <list type="bullet">
/// <item><see cref="BenchText.PacedModel"/>: every stream aligned to one clock, so the thread wakes once per interval
/// and sends every stream its next line (the cheapest schedule there is);</item>
/// <item><see cref="BenchText.PhasedModel"/>: each stream from its own start, as a server must pace a stream that
/// arrives at any time; the thread wakes at most once per <see cref="Tick"/> (the fake's pacing tick) and sends every
/// line that is due. This is the floor of the schedule the fake, aimock and the relay actually serve.</item>
/// </list>
/// It answers any GET with 200, for readiness checks. Run by <c>bench</c> as its own process (<c>bench-floor</c>), so its
/// CPU is measured apart.
/// </summary>
internal sealed class FloorServer
{
    // The fake's pacing tick (PacingLoop.SystemTick in the fake, which this project does not reference).
    private static readonly long Tick = Stopwatch.Frequency / 1000;
    private readonly FloorLines _unpaced;
    private readonly FloorLines _paced;
    private readonly FloorLines _phased;
    private readonly TimeSpan _interval;
    private readonly ConcurrentQueue<Socket> _joining = new();
    private readonly ConcurrentQueue<Socket> _joiningPhased = new();
    private readonly object _phasedJoined = new();

    public FloorServer(BenchText text, TimeSpan interval)
    {
        _unpaced = new FloorLines(text, BenchText.UnpacedModel);
        _paced = new FloorLines(text, BenchText.PacedModel);
        _phased = new FloorLines(text, BenchText.PhasedModel);
        _interval = interval;
    }

    public void Run(int port)
    {
        new Thread(Pace) { IsBackground = true, Name = "floor pacer" }.Start();
        new Thread(PacePhased) { IsBackground = true, Name = "floor phased pacer" }.Start();
        RawListener.ServeForever(port, Serve);
    }

    private void Serve(Socket socket)
    {
        try
        {
            var request = RawHttpRequest.Read(socket);
            if (request.IsGet)
            {
                socket.Send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8);
            }
            else if (request.Body.Contains(BenchText.PacedModel, StringComparison.Ordinal))
            {
                _joining.Enqueue(socket);
                return;
            }
            else if (request.Body.Contains(BenchText.PhasedModel, StringComparison.Ordinal))
            {
                lock (_phasedJoined)
                {
                    _joiningPhased.Enqueue(socket);
                    Monitor.Pulse(_phasedJoined);
                }

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

    private void PacePhased()
    {
        var interval = (long)(Stopwatch.Frequency * _interval.TotalSeconds);
        var due = new PriorityQueue<(Socket Socket, int Next), long>();
        var lastWake = long.MinValue;
        while (true)
        {
            while (_joiningPhased.TryDequeue(out var joined))
            {
                due.Enqueue((joined, 0), Stopwatch.GetTimestamp());
            }

            if (!due.TryPeek(out _, out var next))
            {
                WaitForJoin(Timeout.Infinite);
                continue;
            }

            // Like the fake's pacing loop: at most one wake per tick, and whole milliseconds rounded up, never early.
            var wake = lastWake == long.MinValue ? next : Math.Max(next, lastWake + Tick);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), wake);
            if (wait > TimeSpan.Zero)
            {
                WaitForJoin((int)Math.Ceiling(wait.TotalMilliseconds));
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            lastWake = now;
            while (due.TryPeek(out var stream, out var at) && at <= now)
            {
                due.Dequeue();
                if (TrySend(stream.Socket, _phased.Lines[stream.Next]) && stream.Next + 1 < _phased.Lines.Count)
                {
                    due.Enqueue((stream.Socket, stream.Next + 1), at + interval);
                }
                else
                {
                    stream.Socket.Dispose();
                }
            }
        }
    }

    private void WaitForJoin(int milliseconds)
    {
        lock (_phasedJoined)
        {
            if (_joiningPhased.IsEmpty)
            {
                Monitor.Wait(_phasedJoined, milliseconds);
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
}
