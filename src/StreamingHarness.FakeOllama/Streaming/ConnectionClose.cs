using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections.Features;

namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>
/// Ends a connection the way a crashed or cut-off server does, rather than with a clean HTTP end. What was written
/// before reaches the client first: each flush is already in the kernel (<see cref="SocketPipeWriter"/>), and before
/// the connection goes the kernel is given time to deliver it, because an abort discards what the client has not yet
/// acknowledged. That wait happens once per fault, never per line.
/// </summary>
internal static class ConnectionClose
{
    /// <summary>How long a reset or close waits at most for a client that stopped reading to take what was written.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private const int IpProtoTcp = 6;
    private const int TcpInfo = 11;
    private const int TcpInfoUnackedOffset = 24;
    private const int TcpInfoNotSentOffset = 144;

    /// <summary>
    /// A FIN after what was written, without the chunked terminator (or before any response byte if nothing was
    /// written): the client reads an end of stream where the body is not complete.
    /// </summary>
    public static async ValueTask WithoutTerminatorAsync(HttpContext http)
    {
        var socket = http.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            socket?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The client is already gone: nothing left to close.
        }

        await DrainAsync(socket).ConfigureAwait(false);
        http.Abort();
    }

    /// <summary>A reset (TCP RST on Linux) after what was written.</summary>
    public static async ValueTask ResetAsync(HttpContext http)
    {
        await DrainAsync(http.Features.Get<IConnectionSocketFeature>()?.Socket).ConfigureAwait(false);
        http.Abort();
    }

    /// <summary>
    /// Waits until the client's TCP has acknowledged every byte (and a FIN) sent, up to <see cref="DrainLimit"/>.
    /// Reads Linux's <c>TCP_INFO</c> (no platform API tells how much of a socket's send queue is unacknowledged);
    /// elsewhere, or when the socket is gone, it returns at once.
    /// </summary>
    private static async ValueTask DrainAsync(Socket? socket)
    {
        if (socket is null || !OperatingSystem.IsLinux())
        {
            return;
        }

        var info = new byte[TcpInfoNotSentOffset + sizeof(uint)];
        var deadline = TimeProvider.System.GetTimestamp() + (long)(DrainLimit.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            try
            {
                if (socket.GetRawSocketOption(IpProtoTcp, TcpInfo, info) < info.Length
                    || (MemoryMarshal.Read<uint>(info.AsSpan(TcpInfoUnackedOffset)) == 0
                        && MemoryMarshal.Read<uint>(info.AsSpan(TcpInfoNotSentOffset)) == 0))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}
