using System.Runtime.InteropServices;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Joins strings of one request body into one run of its bytes, in place: a prompt made of several text parts (a
/// Responses message's <c>input_text</c> parts, a Messages content's text blocks) is held once, not copied into a joined
/// string. Each part is unescaped where it lies, then moved down after the one before; the body's JSON between them is
/// overwritten, so this is the last read of the body.
/// </summary>
internal static class BodyTextJoin
{
    /// <summary>The strings' texts joined, in the order given, which must be their order in the body.</summary>
    public static ReadOnlyMemory<byte> InPlace(IReadOnlyList<BodyElement> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        if (strings.Count == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var first = strings[0].UnescapeInPlace();
        if (strings.Count == 1)
        {
            return first;
        }

        if (!MemoryMarshal.TryGetArray(first, out var segment))
        {
            throw new InvalidOperationException("A request body is read into an array.");
        }

        var written = first.Length;
        for (var i = 1; i < strings.Count; i++)
        {
            var text = strings[i].UnescapeInPlace();
            if (!MemoryMarshal.TryGetArray(text, out var part) || part.Array != segment.Array || part.Offset < segment.Offset + written)
            {
                throw new InvalidOperationException("The strings must lie in one body, in order.");
            }

            // Overlapping runs are copied as memmove copies them; the text only ever moves down.
            text.Span.CopyTo(segment.Array.AsSpan(segment.Offset + written));
            written += text.Length;
        }

        return segment.Array.AsMemory(segment.Offset, written);
    }
}
