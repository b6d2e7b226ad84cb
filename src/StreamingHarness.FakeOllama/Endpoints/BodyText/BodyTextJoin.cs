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
        return InPlace(strings.Select(s => s.UnescapeInPlace()));
    }

    /// <summary>
    /// Texts of one body, in body order, joined. Each is taken from <paramref name="texts"/> (which unescapes it in place
    /// then) only once the one before has moved.
    /// </summary>
    private static ReadOnlyMemory<byte> InPlace(IEnumerable<ReadOnlyMemory<byte>> texts)
    {
        using var each = texts.GetEnumerator();
        if (!each.MoveNext())
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var first = each.Current;
        if (!MemoryMarshal.TryGetArray(first, out var segment) || segment.Array is not { } body)
        {
            throw new InvalidOperationException("A request body is read into an array.");
        }

        var written = first.Length;
        while (each.MoveNext())
        {
            var text = each.Current;
            if (!MemoryMarshal.TryGetArray(text, out var part) || part.Array != body
                || part.Offset < segment.Offset + written)
            {
                throw new InvalidOperationException("The strings must lie in one body, in order.");
            }

            // Overlapping runs are copied as memmove copies them; the text only ever moves down.
            text.Span.CopyTo(body.AsSpan(segment.Offset + written));
            written += text.Length;
        }

        return body.AsMemory(segment.Offset, written);
    }
}
