namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The neutral client's whole understanding of an HTTP response: the status line, the end of the headers, HTTP/1.1
/// chunked framing (or a body that ends at close), and the newlines in the payload. No JSON is looked at, so every
/// server is read at the same, minimal cost. Hand-written because no platform reader stops at framing.
/// </summary>
internal sealed class ChunkedLineCounter
{
    private const int HeaderLimit = 16 * 1024;
    private readonly byte[] _header = new byte[HeaderLimit];
    private int _headerLength;
    private State _state = State.Headers;
    private long _chunkLeft;
    private bool _inExtension;
    private int _dataEndSeen;
    private int _trailerLineLength;

    private enum State
    {
        Headers,
        SizeLine,
        Data,
        DataEnd,
        Trailers,
        UntilClose,
        Done,
    }

    public long Lines { get; private set; }

    public bool Done => _state == State.Done;

    /// <summary>True when the body ends only when the server closes the connection (no chunked framing).</summary>
    public bool EndsAtClose => _state == State.UntilClose;

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _state != State.Done)
        {
            data = _state switch
            {
                State.Headers => FeedHeaders(data),
                State.SizeLine => FeedSizeLine(data),
                State.Data => FeedData(data),
                State.DataEnd => FeedDataEnd(data),
                State.Trailers => FeedTrailers(data),
                _ => CountAll(data),
            };
        }
    }

    private ReadOnlySpan<byte> FeedHeaders(ReadOnlySpan<byte> data)
    {
        var take = Math.Min(data.Length, HeaderLimit - _headerLength);
        data[..take].CopyTo(_header.AsSpan(_headerLength));
        var searchFrom = Math.Max(0, _headerLength - 3);
        _headerLength += take;
        var end = _header.AsSpan(searchFrom, _headerLength - searchFrom).IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return _headerLength == HeaderLimit ? throw new InvalidDataException("response headers over 16 KB") : default;
        }

        var headerEnd = searchFrom + end + 4;
        var headers = _header.AsSpan(0, headerEnd);
        if (!headers.StartsWith("HTTP/1.1 200"u8) && !headers.StartsWith("HTTP/1.0 200"u8))
        {
            var statusLine = headers[..headers.IndexOf("\r\n"u8)];
            throw new InvalidDataException("not a 200: " + System.Text.Encoding.ASCII.GetString(statusLine));
        }

        var chunked = System.Text.Encoding.ASCII.GetString(headers)
            .Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase);
        _state = chunked ? State.SizeLine : State.UntilClose;
        var consumedFromData = take - (_headerLength - headerEnd);
        return data[consumedFromData..];
    }

    private ReadOnlySpan<byte> FeedSizeLine(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == '\n')
            {
                _state = _chunkLeft == 0 ? State.Trailers : State.Data;
                return data[(i + 1)..];
            }

            var digit = HexValue(b);
            if (digit >= 0 && !_inExtension)
            {
                _chunkLeft = (_chunkLeft * 16) + digit;
            }
            else if (b is (byte)';' or (byte)'\r')
            {
                _inExtension = true;
            }
        }

        return default;
    }

    private ReadOnlySpan<byte> FeedData(ReadOnlySpan<byte> data)
    {
        var take = (int)Math.Min(data.Length, _chunkLeft);
        Lines += data[..take].Count((byte)'\n');
        _chunkLeft -= take;
        if (_chunkLeft == 0)
        {
            _state = State.DataEnd;
            _dataEndSeen = 0;
        }

        return data[take..];
    }

    private ReadOnlySpan<byte> FeedDataEnd(ReadOnlySpan<byte> data)
    {
        var take = Math.Min(data.Length, 2 - _dataEndSeen);
        _dataEndSeen += take;
        if (_dataEndSeen == 2)
        {
            _state = State.SizeLine;
            _inExtension = false;
        }

        return data[take..];
    }

    private ReadOnlySpan<byte> FeedTrailers(ReadOnlySpan<byte> data)
    {
        // After "0\r\n": an empty line ends the message; trailer fields (none expected) are skipped line by line.
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '\n')
            {
                if (_trailerLineLength == 0)
                {
                    _state = State.Done;
                    return default;
                }

                _trailerLineLength = 0;
            }
            else if (data[i] != '\r')
            {
                _trailerLineLength++;
            }
        }

        return default;
    }

    private ReadOnlySpan<byte> CountAll(ReadOnlySpan<byte> data)
    {
        Lines += data.Count((byte)'\n');
        return default;
    }

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
