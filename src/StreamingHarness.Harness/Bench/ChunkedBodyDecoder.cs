namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The relay floor's reader of its upstream's answer: skips a 200's head, decodes HTTP/1.1 chunked framing, and hands
/// out each complete payload line (newline excluded), wherever the reads cut the bytes. Hand-written because the floor
/// must not pay for a framework (<see cref="RelayFloorServer"/>); no allocation once its buffers have grown.
/// </summary>
internal sealed class ChunkedBodyDecoder
{
    private byte[] _raw = new byte[16 * 1024];
    private int _rawLength;
    private byte[] _line = new byte[4 * 1024];
    private int _lineLength;
    private bool _headRead;

    /// <summary>True once the last (zero-length) chunk has been read.</summary>
    public bool Ended { get; private set; }

    /// <summary>Where the next <c>recv()</c> writes; <see cref="Feed"/> then takes that many bytes.</summary>
    public Memory<byte> FreeSpace()
    {
        if (_rawLength == _raw.Length)
        {
            Array.Resize(ref _raw, _raw.Length * 2);
        }

        return _raw.AsMemory(_rawLength);
    }

    /// <summary>Decodes what is whole after <paramref name="received"/> more bytes, calling <paramref name="onLine"/> per line.</summary>
    public void Feed<TState>(int received, TState state, LineAction<TState> onLine)
    {
        _rawLength += received;
        var position = _headRead ? 0 : SkipHead();
        while (_headRead && !Ended)
        {
            var sizeEnd = _raw.AsSpan(position, _rawLength - position).IndexOf("\r\n"u8);
            if (sizeEnd < 0)
            {
                break;
            }

            var size = ParseSize(_raw.AsSpan(position, sizeEnd));
            if (_rawLength - position - sizeEnd - 2 < size + 2)
            {
                break;
            }

            position += sizeEnd + 2;
            Ended = size == 0;
            Lines(_raw.AsSpan(position, size), state, onLine);
            position += size + 2;
        }

        _raw.AsSpan(position, _rawLength - position).CopyTo(_raw);
        _rawLength -= position;
    }

    public delegate void LineAction<in TState>(ReadOnlySpan<byte> line, TState state);

    private int SkipHead()
    {
        var end = _raw.AsSpan(0, _rawLength).IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return 0;
        }

        if (!_raw.AsSpan().StartsWith("HTTP/1.1 200"u8) || _raw.AsSpan(0, end).IndexOf("chunked"u8) < 0)
        {
            throw new InvalidDataException("the upstream's answer is not a chunked 200");
        }

        _headRead = true;
        return end + 4;
    }

    private void Lines<TState>(ReadOnlySpan<byte> payload, TState state, LineAction<TState> onLine)
    {
        while (!payload.IsEmpty)
        {
            var newline = payload.IndexOf((byte)'\n');
            var part = newline < 0 ? payload : payload[..newline];
            if (_lineLength == 0 && newline >= 0)
            {
                onLine(part, state);
            }
            else
            {
                if (_lineLength + part.Length > _line.Length)
                {
                    Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + part.Length));
                }

                part.CopyTo(_line.AsSpan(_lineLength));
                _lineLength += part.Length;
                if (newline >= 0)
                {
                    onLine(_line.AsSpan(0, _lineLength), state);
                    _lineLength = 0;
                }
            }

            payload = newline < 0 ? default : payload[(newline + 1)..];
        }
    }

    private static int ParseSize(ReadOnlySpan<byte> line)
    {
        var size = 0;
        foreach (var b in line)
        {
            var digit = ChunkedLineCounter.HexValue(b);
            if (digit < 0)
            {
                break;
            }

            size = (size * 16) + digit;
        }

        return size;
    }
}
