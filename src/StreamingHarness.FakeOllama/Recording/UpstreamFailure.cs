using System.Net.Sockets;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>Tells what an exception from the upstream means: a server that cannot be reached, a reset, or a cut-off body.</summary>
internal static class UpstreamFailure
{
    /// <summary>Nothing answered at all (refused, unknown host): a setup problem, not a behaviour worth recording.</summary>
    public static bool IsUnreachable(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.NameResolutionError
        || Socket(exception)?.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable
            or SocketError.HostNotFound or SocketError.TryAgain or SocketError.AddressNotAvailable;

    /// <summary>A reset when the socket said so; otherwise the connection ended (FIN) before the response was whole.</summary>
    public static RecordedEnd EndOf(Exception exception) =>
        Socket(exception)?.SocketErrorCode is SocketError.ConnectionReset
            or SocketError.ConnectionAborted ? RecordedEnd.Reset : RecordedEnd.Eof;

    private static SocketException? Socket(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
