using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The relay's floor (<c>bench-relay-floor</c>): ndjson in from the upstream, one SSE event out per line, one blocking
/// <c>recv()</c> and one <c>send()</c> per token, a thread per stream, no framework. Hand-written because it is the
/// yardstick of the relay's SSE mode: any HTTP stack here would hide the cost ours adds. Its events have the relay's
/// shape (<c>id</c>, <c>event</c>, <c>data</c>, a blank line): <c>start</c>, a <c>token</c> per content line with the
/// line's escaped text copied as is, then <c>done</c>, each send one HTTP chunk. Any POST is relayed to the upstream's
/// <c>/api/chat</c>; any GET answers 200, for readiness checks. An upstream that does not answer a chunked 200 gets
/// the connection closed: it serves only the bench.
/// </summary>
internal sealed class RelayFloorServer(IPEndPoint upstream)
{
    public const string StartEvent = "id: 0\nevent: start\ndata: {\"request_id\":\"floor\"}\n\n";
    private const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
        + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n";

    // Room before the events for the chunk's size line, written right-aligned once the events' length is known.
    private const int SizeRoom = 16;

    public void Run(int port) => RawListener.ServeForever(port, Serve);

    private void Serve(Socket client)
    {
        try
        {
            var request = RawHttpRequest.Read(client);
            if (request.IsGet)
            {
                client.Send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8);
            }
            else
            {
                Relay(client, request.Body);
            }
        }
        catch (Exception ex) when (ex is SocketException or InvalidDataException)
        {
            // Either side went away, or the upstream did not answer a chunked 200: the client sees the stream cut.
        }

        client.Dispose();
    }

    private void Relay(Socket client, string body)
    {
        using var source = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        source.Connect(upstream);
        source.Send(Encoding.UTF8.GetBytes(
            $"POST /api/chat HTTP/1.1\r\nHost: {upstream}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}"));
        var output = new Output();
        output.Append(StartEvent);
        client.Send(Encoding.ASCII.GetBytes(Head));
        client.Send(output.TakeChunk(last: false));
        var decoder = new ChunkedBodyDecoder();
        while (!decoder.Ended)
        {
            var read = source.Receive(decoder.FreeSpace().Span);
            if (read == 0)
            {
                throw new InvalidDataException("the upstream closed before its last chunk");
            }

            decoder.Feed(read, output, static (line, events) => events.AppendEvent(line));
            if (output.HasEvents)
            {
                // The done event ends the client's body; the upstream's own last chunk is still read to its end.
                client.Send(output.TakeChunk(last: output.Finished));
            }
        }
    }

    /// <summary>The events one <c>recv()</c> gave, framed as one HTTP chunk (the last one ends the body).</summary>
    private sealed class Output
    {
        private byte[] _buffer = new byte[4096];
        private int _length = SizeRoom;
        private long _nextId = 1;
        private long _tokenIndex;

        public bool HasEvents => _length > SizeRoom;

        /// <summary>True once the done event is written.</summary>
        public bool Finished { get; private set; }

        public void Append(string ascii)
        {
            Reserve(ascii.Length);
            _length += Encoding.ASCII.GetBytes(ascii, _buffer.AsSpan(_length));
        }

        public void AppendEvent(ReadOnlySpan<byte> line)
        {
            if (line.IndexOf("\"done\":true"u8) >= 0)
            {
                Append("id: ");
                AppendNumber(_nextId++);
                Append("\nevent: done\ndata: {\"done_reason\":\"stop\"}\n\n");
                Finished = true;
                return;
            }

            var content = Content(line);
            Append("id: ");
            AppendNumber(_nextId++);
            Append("\nevent: token\ndata: {\"index\":");
            AppendNumber(_tokenIndex++);
            Append(",\"content\":\"");
            Reserve(content.Length);
            content.CopyTo(_buffer.AsSpan(_length));
            _length += content.Length;
            Append("\"}\n\n");
        }

        public ReadOnlySpan<byte> TakeChunk(bool last)
        {
            var events = _length - SizeRoom;
            Span<byte> size = stackalloc byte[SizeRoom];
            Utf8Formatter.TryFormat(events, size, out var digits, new StandardFormat('x'));
            var start = SizeRoom - digits - 2;
            size[..digits].CopyTo(_buffer.AsSpan(start));
            "\r\n"u8.CopyTo(_buffer.AsSpan(SizeRoom - 2));
            Append(last ? "\r\n0\r\n\r\n" : "\r\n");
            var chunk = _buffer.AsSpan(start, _length - start);
            _length = SizeRoom;
            return chunk;
        }

        /// <summary>The escaped text of <c>"content"</c>, up to its closing quote (an escaped quote does not end it).</summary>
        private static ReadOnlySpan<byte> Content(ReadOnlySpan<byte> line)
        {
            var at = line.IndexOf("\"content\":\""u8);
            if (at < 0)
            {
                return default;
            }

            var text = line[(at + 11)..];
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    return text[..i];
                }
            }

            return text;
        }

        private void AppendNumber(long value)
        {
            Reserve(20);
            Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
            _length += written;
        }

        private void Reserve(int bytes)
        {
            if (_length + bytes + 9 > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes + 9));
            }
        }
    }
}
