using System.Buffers;
using System.Runtime.InteropServices;
using StreamingHarness.Protocol.Time;

namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>
/// Writes a token line's <c>created_at</c> without a string per line: the chunk is serialized with
/// <see cref="Placeholder"/> as its <c>created_at</c>, then the placeholder's bytes are replaced in place by the time
/// (<see cref="OllamaTimestamp.Write"/>, at most as long as the placeholder, so the rest of the line only moves left).
/// A placeholder cannot be found inside a JSON string value: there every quote is escaped.
/// </summary>
internal static class CreatedAtStamp
{
    public static readonly string Placeholder = new('0', OllamaTimestamp.MaxLength);

    private static readonly byte[] Marker = System.Text.Encoding.ASCII.GetBytes($"\"created_at\":\"{Placeholder}\"");

    /// <summary>Replaces the placeholder in what <paramref name="line"/> holds; false when there is none.</summary>
    public static bool Stamp(ArrayBufferWriter<byte> line, DateTimeOffset createdAt)
    {
        var written = MemoryMarshal.AsMemory(line.WrittenMemory).Span;
        var at = written.IndexOf(Marker);
        if (at < 0)
        {
            return false;
        }

        var slot = written.Slice(at + Marker.Length - 1 - OllamaTimestamp.MaxLength);
        Span<byte> time = stackalloc byte[OllamaTimestamp.MaxLength];
        var length = OllamaTimestamp.Write(createdAt, time);
        time[..length].CopyTo(slot);
        slot[OllamaTimestamp.MaxLength..].CopyTo(slot[length..]);
        var total = written.Length - (OllamaTimestamp.MaxLength - length);
        line.ResetWrittenCount();
        line.Advance(total);
        return true;
    }
}
