using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;

namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>Ends a connection the way a crashed or cut-off server does, rather than with a clean HTTP end.</summary>
internal static class ConnectionClose
{
    /// <summary>
    /// A FIN after what was written, without the chunked terminator (or before any response byte if nothing was
    /// written): the client reads an end of stream where the body is not complete.
    /// </summary>
    public static void WithoutTerminator(HttpContext http)
    {
        try
        {
            http.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The client is already gone: nothing left to close.
        }

        http.Abort();
    }

    /// <summary>A reset (TCP RST on Linux) after what was flushed.</summary>
    public static void Reset(HttpContext http) => http.Abort();
}
