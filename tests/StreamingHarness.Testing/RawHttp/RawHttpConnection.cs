using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StreamingHarness.Testing.RawHttp;

/// <summary>
/// An HTTP/1.1 client on a bare socket, for tests that must see what really crossed the wire: it decodes chunked
/// framing itself, timestamps every read and chunk, and tells a clean end (chunked terminator) from an abrupt close
/// (FIN with no terminator) and from a reset (RST). HttpClient hides all three behind the same exceptions.
/// Read it step by step (<see cref="ReadHeadAsync"/>, <see cref="ReadBodyPieceAsync"/>) to act mid-stream, or in
/// one go with <see cref="ReadToEndAsync"/>.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly string _host;
    private readonly Stopwatch _clock = new();
    private readonly RawHttpReceiveBuffer _received;
    private readonly List<RawChunk> _chunks = [];
    private string _method = "GET";
    private RawHttpHead? _head;
    private long _contentRemaining = -1;

    private RawHttpConnection(Socket socket, string host)
    {
        _socket = socket;
        _host = host;
        _received = new RawHttpReceiveBuffer(socket, _clock);
    }

    /// <summary>Set once the exchange is over; null while more may come.</summary>
    public BodyEnd? End { get; private set; }

    public TimeSpan EndedAt { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<RawHttpConnection> ConnectAsync(Uri baseAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var address = baseAddress.IsLoopback && !IPAddress.TryParse(baseAddress.Host, out _)
            ? IPAddress.Loopback
            : IPAddress.Parse(baseAddress.Host.Trim('[', ']'));
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, baseAddress.Port), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawHttpConnection(socket, baseAddress.Authority);
    }

    /// <summary>Writes the request and starts the clock every timestamp is measured from.</summary>
    public async Task SendAsync(RawHttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _method = request.Method;
        var bytes = request.Encode(_host);
        _clock.Restart();
        await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
    }

    /// <summary>Reads the status line and headers; null when the connection ended first (see <see cref="End"/>).</summary>
    public async Task<RawHttpHead?> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        int headEnd;
        while ((headEnd = _received.Unread.IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (!await _received.FillAsync(cancellationToken))
            {
                FinishAtConnectionEnd();
                return null;
            }
        }

        var lines = Encoding.ASCII.GetString(_received.Unread[..headEnd]).Split("\r\n");
        var receivedAt = _received.ArrivalOf(headEnd + 3);
        _received.Consume(headEnd + 4);

        var status = lines[0].Split(' ', 3);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => KeyValuePair.Create(p[0], p.Length > 1 ? p[1].Trim() : ""))
            .ToList();
        _head = new RawHttpHead(
            status[0], int.Parse(status[1], CultureInfo.InvariantCulture), status.Length > 2 ? status[2] : "", headers, receivedAt);

        if (_method == "HEAD" || _head.StatusCode is < 200 or 204 or 304)
        {
            Finish(BodyEnd.NoBody);
        }
        else if (!_head.IsChunked && _head["Content-Length"] is { } length)
        {
            _contentRemaining = long.Parse(length, CultureInfo.InvariantCulture);
            if (_contentRemaining == 0)
            {
                Finish(BodyEnd.ContentLengthComplete);
            }
        }

        return _head;
    }

    /// <summary>
    /// The next piece of the body: one chunk when chunked, otherwise what one read delivered. Null once the body is
    /// over; <see cref="End"/> then says how it ended.
    /// </summary>
    public async Task<RawChunk?> ReadBodyPieceAsync(CancellationToken cancellationToken = default)
    {
        if (End is not null)
        {
            return null;
        }

        if (_head is null)
        {
            throw new InvalidOperationException("Read the head first.");
        }

        var piece = _head.IsChunked ? await ReadChunkAsync(cancellationToken) : await ReadUnframedAsync(cancellationToken);
        if (piece is not null)
        {
            _chunks.Add(piece);
        }

        return piece;
    }

    /// <summary>Reads whatever is left and returns the whole exchange.</summary>
    public async Task<RawHttpResponse> ReadToEndAsync(CancellationToken cancellationToken = default)
    {
        if (_head is null && End is null)
        {
            await ReadHeadAsync(cancellationToken);
        }

        while (await ReadBodyPieceAsync(cancellationToken) is not null)
        {
        }

        return new RawHttpResponse(_head, _chunks.ToList(), End!.Value, EndedAt, _received.Reads.ToList(), _received.ToArray());
    }

    /// <summary>Goes away abruptly, as a killed client does: RST instead of FIN.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _received.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<RawChunk?> ReadChunkAsync(CancellationToken cancellationToken)
    {
        var sizeLine = await ReadLineAsync(cancellationToken);
        if (sizeLine is null)
        {
            return null;
        }

        var sizeText = sizeLine.Split(';', 2)[0].Trim();
        if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw new InvalidDataException($"Bad chunk-size line '{sizeLine}'.");
        }

        if (size == 0)
        {
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
            {
            }

            if (End is null)
            {
                Finish(BodyEnd.ChunkedTerminator);
            }

            return null;
        }

        var data = new byte[size];
        var firstByteAt = TimeSpan.Zero;
        var copied = 0;
        while (copied < size)
        {
            if (_received.Unread.IsEmpty && !await _received.FillAsync(cancellationToken))
            {
                FinishAtConnectionEnd();
                return new RawChunk(data[..copied], firstByteAt, _received.LastReadAt, Complete: false);
            }

            if (copied == 0)
            {
                firstByteAt = _received.ArrivalOf(0);
            }

            var n = Math.Min(size - copied, _received.Unread.Length);
            _received.Unread[..n].CopyTo(data.AsSpan(copied));
            _received.Consume(n);
            copied += n;
        }

        var completedAt = _received.ArrivalOf(-1);
        var crlf = await ReadLineAsync(cancellationToken);
        if (crlf is { Length: > 0 })
        {
            throw new InvalidDataException($"Chunk data not followed by CRLF but by '{crlf}'.");
        }

        return new RawChunk(data, firstByteAt, completedAt, Complete: true);
    }

    private async Task<RawChunk?> ReadUnframedAsync(CancellationToken cancellationToken)
    {
        if (_received.Unread.IsEmpty && !await _received.FillAsync(cancellationToken))
        {
            Finish(_received.IsReset ? BodyEnd.ConnectionReset
                : _contentRemaining >= 0 ? BodyEnd.EofWithoutTerminator
                : BodyEnd.CloseDelimited);
            return null;
        }

        var n = _received.Unread.Length;
        if (_contentRemaining >= 0)
        {
            n = (int)Math.Min(n, _contentRemaining);
            _contentRemaining -= n;
        }

        var at = _received.ArrivalOf(0);
        var data = _received.Unread[..n].ToArray();
        _received.Consume(n);
        if (_contentRemaining == 0)
        {
            Finish(BodyEnd.ContentLengthComplete);
        }

        return new RawChunk(data, at, _received.ArrivalOf(-1), Complete: true);
    }

    /// <summary>A CRLF-terminated line without its CRLF; null (and <see cref="End"/> set) if the connection ended first.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        int lineEnd;
        while ((lineEnd = _received.Unread.IndexOf("\r\n"u8)) < 0)
        {
            if (!await _received.FillAsync(cancellationToken))
            {
                FinishAtConnectionEnd();
                return null;
            }
        }

        var line = Encoding.ASCII.GetString(_received.Unread[..lineEnd]);
        _received.Consume(lineEnd + 2);
        return line;
    }

    private void FinishAtConnectionEnd() => Finish(_received.IsReset ? BodyEnd.ConnectionReset : BodyEnd.EofWithoutTerminator);

    private void Finish(BodyEnd end)
    {
        End = end;
        EndedAt = _clock.Elapsed;
    }
}
