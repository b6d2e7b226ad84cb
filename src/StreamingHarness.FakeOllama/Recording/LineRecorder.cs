using System.Buffers;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Cuts a body into lines as its bytes arrive (SSE: into events), noting when each line's last byte came. A line split
/// across reads is joined; several lines in one read share its time. Whatever is left at the end is the last, torn line.
/// </summary>
internal sealed class LineRecorder(bool eventStream)
{
    private readonly ArrayBufferWriter<byte> _pending = new(1024);
    private readonly List<(double AtMs, byte[] Bytes)> _lines = [];
    private double _lastReadMs;

    public int Count => _lines.Count;

    /// <summary>Bytes of one read, arrived <paramref name="atMs"/> after the request; returns the lines it completed.</summary>
    public int Append(ReadOnlySpan<byte> bytes, double atMs)
    {
        _lastReadMs = atMs;
        _pending.Write(bytes);
        var completed = 0;
        var start = 0;
        var pending = _pending.WrittenSpan;
        int end;
        while ((end = RecordedFraming.FrameEnd(pending[start..], eventStream)) > 0)
        {
            _lines.Add((atMs, pending.Slice(start, end).ToArray()));
            start += end;
            completed++;
        }

        if (start > 0)
        {
            var rest = pending[start..].ToArray();
            _pending.ResetWrittenCount();
            _pending.Write(rest);
        }

        return completed;
    }

    /// <summary>Every line, the unterminated rest (a torn line) last.</summary>
    public IReadOnlyList<(double AtMs, byte[] Bytes)> Finish()
    {
        if (_pending.WrittenCount > 0)
        {
            _lines.Add((_lastReadMs, _pending.WrittenSpan.ToArray()));
            _pending.ResetWrittenCount();
        }

        return _lines;
    }
}
