using System.Buffers.Text;
using System.Text;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Undoes a JSON string's escapes in place, in the request body's own array: the text never grows when unescaped, so a
/// large escaped message (every line break is <c>\n</c>) is held once. <c>Utf8JsonReader.CopyString</c> does the same
/// into another buffer only, and says nothing of overlapping ones. The value must be one System.Text.Json accepted.
/// </summary>
internal static class JsonUnescaper
{
    /// <summary>Unescapes <paramref name="value"/> (quotes excluded) into its own start; returns the text's length.</summary>
    public static int InPlace(Span<byte> value)
    {
        var written = 0;
        var read = 0;
        while (read < value.Length)
        {
            var plain = value[read..].IndexOf((byte)'\\');
            var run = plain < 0 ? value.Length - read : plain;
            value.Slice(read, run).CopyTo(value[written..]);
            written += run;
            read += run;
            if (read == value.Length)
            {
                break;
            }

            var escape = value[read + 1];
            if (escape != (byte)'u')
            {
                value[written++] = escape switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => escape, // \" \\ \/
                };
                read += 2;
                continue;
            }

            var unit = Hex(value.Slice(read + 2, 4));
            read += 6;
            var scalar = (int)unit;
            if (char.IsHighSurrogate((char)unit) && read + 6 <= value.Length && value[read] == (byte)'\\' && value[read + 1] == (byte)'u'
                && Hex(value.Slice(read + 2, 4)) is var low && char.IsLowSurrogate((char)low))
            {
                scalar = char.ConvertToUtf32((char)unit, (char)low);
                read += 6;
            }

            // Lone surrogates were already replaced by \ufffd (GoJsonText); the guard keeps a stray one from throwing.
            written += (Rune.IsValid(scalar) ? new Rune(scalar) : Rune.ReplacementChar).EncodeToUtf8(value[written..]);
        }

        return written;
    }

    /// <summary>The length in UTF-8 bytes of <paramref name="value"/> (quotes excluded) once unescaped, without changing it.</summary>
    public static int UnescapedLength(ReadOnlySpan<byte> value)
    {
        var length = 0;
        var read = 0;
        while (value[read..].IndexOf((byte)'\\') is var plain and >= 0)
        {
            length += plain;
            read += plain;
            if (value[read + 1] != (byte)'u')
            {
                length++;
                read += 2;
                continue;
            }

            var unit = Hex(value.Slice(read + 2, 4));
            read += 6;
            if (char.IsHighSurrogate((char)unit) && read + 6 <= value.Length && value[read] == (byte)'\\' && value[read + 1] == (byte)'u'
                && char.IsLowSurrogate((char)Hex(value.Slice(read + 2, 4))))
            {
                length += 4;
                read += 6;
                continue;
            }

            // As InPlace writes it: a stray surrogate becomes U+FFFD, three bytes like any unit from U+0800.
            length += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
        }

        return length + value.Length - read;
    }

    private static ushort Hex(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out ushort unit, out var consumed, 'X') && consumed == 4
            ? unit
            : throw new FormatException("A \\u escape needs four hex digits.");
}
