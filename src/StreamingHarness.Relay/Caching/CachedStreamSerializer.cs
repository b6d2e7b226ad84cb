using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Hybrid;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// The second-level (Redis) form of a <see cref="CachedStream"/>: a version byte, the event count, one
/// (end, time) pair of little-endian int32s per event, then the body. Hand-written because the entry is a few arrays and
/// JSON would base64 the body; a value that does not read back whole is an error, which HybridCache treats as a miss.
/// </summary>
internal sealed class CachedStreamSerializer : IHybridCacheSerializer<CachedStream>
{
    private const byte Version = 1;

    public void Serialize(CachedStream value, IBufferWriter<byte> target)
    {
        var count = value.EventEnds.Length;
        var header = target.GetSpan(5 + (8 * count));
        header[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], count);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header[(5 + (8 * i))..], value.EventEnds[i]);
            BinaryPrimitives.WriteInt32LittleEndian(header[(9 + (8 * i))..], value.EventTimesMs[i]);
        }

        target.Advance(5 + (8 * count));
        target.Write(value.Body);
    }

    public CachedStream Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new SequenceReader<byte>(source);
        if (!reader.TryRead(out var version) || version != Version)
        {
            throw new InvalidDataException($"cached stream: version {version}, expected {Version}");
        }

        if (!reader.TryReadLittleEndian(out int count) || count < 1 || count > reader.Remaining / 8)
        {
            throw new InvalidDataException($"cached stream: event count {count} does not fit {source.Length} bytes");
        }

        var ends = new int[count];
        var times = new int[count];
        for (var i = 0; i < count; i++)
        {
            reader.TryReadLittleEndian(out ends[i]);
            reader.TryReadLittleEndian(out times[i]);
        }

        var body = reader.UnreadSequence.ToArray();
        var previous = 0;
        foreach (var end in ends)
        {
            if (end < previous || end > body.Length)
            {
                throw new InvalidDataException($"cached stream: event end {end} outside 0..{body.Length} or not ascending");
            }

            previous = end;
        }

        if (previous != body.Length)
        {
            throw new InvalidDataException($"cached stream: events end at {previous}, the body has {body.Length} bytes");
        }

        return new CachedStream(body, ends, times);
    }
}
