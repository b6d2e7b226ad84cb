using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>
/// Kestrel connection middleware that gives every connection a <see cref="SocketPipeWriter"/> as its output, so each
/// flushed line goes to the socket at once and in one write (see there why). The input stays Kestrel's.
/// </summary>
internal static class SocketWriteThrough
{
    public static void UseSocketWriteThrough(this ListenOptions listen) => listen.Use(next => connection =>
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            var output = new SocketPipeWriter(socket);
            connection.Transport = new Transport(connection.Transport.Input, output);

            // Requests see the connection's features: the stream writes its common line through this writer itself.
            connection.Features.Set(output);
        }

        return next(connection);
    });

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
