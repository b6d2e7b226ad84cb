using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace StreamingHarness.Protocol.Json;

/// <summary>
/// Go's encoding/json reads a lone UTF-16 surrogate escape (<c>"\ud800"</c>) or bytes that are not UTF-8 inside a
/// string as U+FFFD and carries on; System.Text.Json throws on them (<c>Cannot read incomplete UTF-16</c>) when the
/// value is read. <see cref="Repair"/> rewrites a request body the Go way before System.Text.Json parses it, so every
/// field of every endpoint gets what Ollama would have seen. No library does this: it is a property of Go's decoder.
/// </summary>
public static class GoJsonText
{
    private static readonly byte[] ReplacementEscape = "\\ufffd"u8.ToArray();
    private static readonly byte[] ReplacementUtf8 = "\ufffd"u8.ToArray();

    /// <summary>
    /// The body with every lone surrogate escape replaced by <c>\ufffd</c> (same length, so error offsets hold) and every
    /// invalid UTF-8 sequence inside a string by U+FFFD; the body itself, uncopied, when there is nothing to replace.
    /// Bytes outside strings are left alone: there they are a syntax error for Go too.
    /// </summary>
    public static ReadOnlyMemory<byte> Repair(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        if (Utf8.IsValid(span) && !HasSurrogateEscape(span))
        {
            return body;
        }

        var output = new ArrayBufferWriter<byte>(span.Length + 16);
        var inString = false;
        var i = 0;
        while (i < span.Length)
        {
            var b = span[i];
            if (!inString || b is (byte)'"')
            {
                inString ^= b is (byte)'"';
                output.Write(span.Slice(i++, 1));
            }
            else if (b is (byte)'\\')
            {
                i += CopyEscape(span[i..], output);
            }
            else if (b < 0x80)
            {
                output.Write(span.Slice(i++, 1));
            }
            else if (Rune.DecodeFromUtf8(span[i..], out _, out var consumed) == OperationStatus.Done)
            {
                output.Write(span.Slice(i, consumed));
                i += consumed;
            }
            else
            {
                output.Write(ReplacementUtf8);
                i += Math.Max(consumed, 1);
            }
        }

        return output.WrittenMemory;
    }

    /// <summary>
    /// As <see cref="Repair"/>, for a body the caller owns: lone surrogate escapes are replaced in the body itself (the
    /// replacement is as long), so a large prompt full of them is never copied. Only invalid UTF-8 still costs a copy,
    /// since U+FFFD can be longer than the bytes it replaces (at most three times the body).
    /// </summary>
    public static ReadOnlyMemory<byte> RepairInPlace(Memory<byte> body)
    {
        ReplaceLoneSurrogateEscapes(body.Span);
        return Utf8.IsValid(body.Span) ? body : Repair(body);
    }

    private static void ReplaceLoneSurrogateEscapes(Span<byte> span)
    {
        var i = 0;
        while (span[i..].IndexOf((byte)'\\') is var at and >= 0)
        {
            i += at;
            if (!TryReadUnicodeEscape(span[i..], out var unit) || !char.IsSurrogate(unit))
            {
                i = Math.Min(i + 2, span.Length); // the byte after a backslash never starts another escape
                continue;
            }

            if (char.IsHighSurrogate(unit) && TryReadUnicodeEscape(span[(i + 6)..], out var low) && char.IsLowSurrogate(low))
            {
                i += 12;
                continue;
            }

            ReplacementEscape.CopyTo(span[i..]);
            i += 6;
        }
    }

    /// <summary>Copies the escape at the start of <paramref name="text"/>, repaired; returns how many bytes it read.</summary>
    private static int CopyEscape(ReadOnlySpan<byte> text, ArrayBufferWriter<byte> output)
    {
        if (!TryReadUnicodeEscape(text, out var unit))
        {
            var length = Math.Min(2, text.Length);
            output.Write(text[..length]);
            return length;
        }

        if (char.IsHighSurrogate(unit) && TryReadUnicodeEscape(text[6..], out var low) && char.IsLowSurrogate(low))
        {
            output.Write(text[..12]);
            return 12;
        }

        output.Write(char.IsSurrogate(unit) ? ReplacementEscape : text[..6]);
        return 6;
    }

    private static bool TryReadUnicodeEscape(ReadOnlySpan<byte> text, out char unit)
    {
        unit = '\0';
        if (text.Length < 6 || text[0] != '\\' || text[1] != 'u')
        {
            return false;
        }

        var value = 0;
        foreach (var digit in text[2..6])
        {
            var nibble = HexValue(digit);
            if (nibble < 0)
            {
                return false;
            }

            value = (value << 4) | nibble;
        }

        unit = (char)value;
        return true;
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => -1,
    };

    /// <summary>Any <c>\uD800</c>–<c>\uDFFF</c> at all (paired or not): only then is the slow pass worth it.</summary>
    private static bool HasSurrogateEscape(ReadOnlySpan<byte> span)
    {
        var at = 0;
        while ((at = span.IndexOf("\\u"u8)) >= 0)
        {
            if (at + 3 < span.Length && span[at + 2] is (byte)'d' or (byte)'D' && HexValue(span[at + 3]) >= 8)
            {
                return true;
            }

            span = span[(at + 2)..];
        }

        return false;
    }
}
