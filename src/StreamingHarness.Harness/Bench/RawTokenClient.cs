using System.Net;
using System.Net.Sockets;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The client half of the capacity floor pair: one raw socket per stream, HTTP chunked framing and newlines only
/// (<see cref="ChunkedLineCounter"/>), and each line stamped as the harness stamps a token: the same clock
/// (<see cref="HarnessClock.System"/>), a gap from one line to the next, and the same
/// <see cref="GapRecorder"/> for |gap − interval|. Lines of one read share its stamp. The first line (it carries the
/// headers) opens the stream and is no gap, as the first token is none for the harness.
/// </summary>
internal sealed class RawTokenClient(IPEndPoint endpoint)
{
    private const int BufferSize = 16 * 1024;

    /// <summary>Reads one stream until it ends or <paramref name="cancellationToken"/> stops it; false when it ended early.</summary>
    public async Task<bool> RunAsync(byte[] request, GapRecorder gaps, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var counter = new ChunkedLineCounter();
        var buffer = new byte[BufferSize];
        long last = 0;
        while (!counter.Done)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return counter.EndsAtClose;
            }

            var now = HarnessClock.System.Now;
            var before = counter.Lines;
            counter.Feed(buffer.AsSpan(0, read));
            for (var line = before; line < counter.Lines; line++)
            {
                if (line > 0)
                {
                    gaps.Record(Ticks.ToNanoseconds(now - last));
                }

                last = now;
            }
        }

        return true;
    }
}
