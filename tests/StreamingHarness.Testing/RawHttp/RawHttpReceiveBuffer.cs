using System.Diagnostics;
using System.Net.Sockets;

namespace StreamingHarness.Testing.RawHttp;

/// <summary>
/// What a <see cref="RawHttpConnection"/> has received: the bytes not parsed yet, every read with the time it came,
/// all bytes in order, and whether the peer closed (FIN) or reset (RST) the connection.
/// </summary>
internal sealed class RawHttpReceiveBuffer : IDisposable
{
    private readonly Socket _socket;
    private readonly Stopwatch _clock;
    private readonly List<RawRead> _reads = [];
    private readonly List<long> _readEnds = [];
    private readonly MemoryStream _raw = new();
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private long _consumedBeforeBuffer;
    private bool _eof;

    /// <param name="socket">The connection's socket, read from here only.</param>
    /// <param name="clock">The connection's clock: every read is timestamped with it.</param>
    public RawHttpReceiveBuffer(Socket socket, Stopwatch clock)
    {
        _socket = socket;
        _clock = clock;
    }

    public bool IsReset { get; private set; }

    public IReadOnlyList<RawRead> Reads => _reads;

    /// <summary>Received and not consumed yet.</summary>
    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(_start, _end - _start);

    /// <summary>When the last read came; zero before the first.</summary>
    public TimeSpan LastReadAt => _reads.Count > 0 ? _reads[^1].At : TimeSpan.Zero;

    public void Consume(int count) => _start += count;

    /// <summary>
    /// When the byte at <paramref name="offset"/> in <see cref="Unread"/> arrived (-1: the last byte consumed): the
    /// time of the read that delivered it.
    /// </summary>
    public TimeSpan ArrivalOf(int offset)
    {
        var index = _readEnds.BinarySearch(_consumedBeforeBuffer + _start + offset + 1);
        if (index < 0)
        {
            index = ~index;
        }

        return _reads[Math.Min(index, _reads.Count - 1)].At;
    }

    /// <summary>Every byte received, in order.</summary>
    public byte[] ToArray() => _raw.ToArray();

    /// <summary>Receives once more; false once the peer has closed or reset the connection.</summary>
    public async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof || IsReset)
        {
            return false;
        }

        if (_end == _buffer.Length)
        {
            var kept = _end - _start;
            if (kept > _buffer.Length / 2)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            _buffer.AsSpan(_start, kept).CopyTo(_buffer);
            _consumedBeforeBuffer += _start;
            _start = 0;
            _end = kept;
        }

        int n;
        try
        {
            n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            IsReset = true;
            return false;
        }

        if (n == 0)
        {
            _eof = true;
            return false;
        }

        _raw.Write(_buffer, _end, n);
        _reads.Add(new RawRead(n, _clock.Elapsed));
        _readEnds.Add(_raw.Length);
        _end += n;
        return true;
    }

    public void Dispose() => _raw.Dispose();
}
