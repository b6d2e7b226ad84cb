using System.Buffers;

namespace StreamingHarness.Protocol.Tests.Ndjson;

/// <summary>A line split over several buffers, as a pipe hands one over: <c>Of("ab", "c")</c> is "abc" in two segments.</summary>
internal sealed class ByteSegment : ReadOnlySequenceSegment<byte>
{
    private ByteSegment(byte[] bytes) => Memory = bytes;

    public static ReadOnlySequence<byte> Of(params byte[][] parts)
    {
        var first = new ByteSegment(parts[0]);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            var next = new ByteSegment(part) { RunningIndex = last.RunningIndex + last.Memory.Length };
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
