using System.Buffers;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Wraps a stream's format and records what it writes after the <c>start</c>, event by event with its time, so a
/// stream that ends with <c>done</c> can be cached. The <c>start</c> is not recorded: a replay writes its own, with
/// the new request's id. Any error or rejection, or a stream longer than the limit, leaves nothing to cache.
/// </summary>
internal sealed class RecordingStreamFormat(IStreamFormat inner, int maxBytes, TimeProvider time) : IStreamFormat
{
    private readonly long _started = time.GetTimestamp();
    private readonly RecordingBufferWriter _recording = new(maxBytes);
    private readonly List<int> _ends = [];
    private readonly List<int> _times = [];
    private bool _done;
    private bool _failed;

    public string ContentType => inner.ContentType;

    public bool SupportsHeartbeat => inner.SupportsHeartbeat;

    public bool HasPending => inner.HasPending;

    public bool ForwardsChunksBeforeFirstToken => inner.ForwardsChunksBeforeFirstToken;

    public void WriteStart(IBufferWriter<byte> output) => inner.WriteStart(output);

    public void WriteChunk(IBufferWriter<byte> output, in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        inner.WriteChunk(_recording.On(output), chunk, line);
        Mark();
    }

    public void FlushPending(IBufferWriter<byte> output)
    {
        inner.FlushPending(_recording.On(output));
        Mark();
    }

    public void WriteDone(IBufferWriter<byte> output, DoneSummary done, StreamTiming timing)
    {
        inner.WriteDone(_recording.On(output), done, timing);
        Mark();
        _done = true;
    }

    public void WriteError(IBufferWriter<byte> output, RelayFailure failure)
    {
        _failed = true;
        inner.WriteError(output, failure);
    }

    public Task WriteRejectionAsync(HttpContext context, RelayFailure failure)
    {
        _failed = true;
        return inner.WriteRejectionAsync(context, failure);
    }

    /// <summary>The recorded stream, or null unless it ended with <c>done</c>, without an error, within the limit.</summary>
    public CachedStream? Take()
    {
        if (!_done || _failed || !_recording.Kept || _ends.Count == 0)
        {
            return null;
        }

        var stream = new CachedStream(_recording.Written.ToArray(), [.. _ends], [.. _times]);
        return stream.Size <= maxBytes ? stream : null;
    }

    private void Mark()
    {
        var end = _recording.Recorded;
        if (_recording.Kept && end > (_ends.Count == 0 ? 0 : _ends[^1]))
        {
            _ends.Add(end);
            _times.Add((int)Math.Min(int.MaxValue, time.GetElapsedTime(_started).TotalMilliseconds));
        }
    }
}
