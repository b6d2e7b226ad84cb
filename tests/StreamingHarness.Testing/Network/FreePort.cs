using System.Net;
using System.Net.Sockets;

namespace StreamingHarness.Testing.Network;

/// <summary>Loopback ports for tests that need an address before anything listens on it.</summary>
public static class FreePort
{
    /// <summary>A port the OS just handed out and nobody holds: free now, not reserved.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>An address where nothing listens: connecting is refused at once.</summary>
    public static Uri ClosedAddress() => new($"http://127.0.0.1:{Next()}/");
}
