using System.Text.Encodings.Web;

namespace StreamingHarness.Protocol.Json;

/// <summary>
/// Escapes strings exactly as Go's encoding/json does, so the fake's bytes match Ollama's: <c>\"</c>, <c>\\</c>,
/// <c>\n \r \t \b \f</c>, other control characters as <c>\u00xx</c>, <c>&lt; &gt; &amp;</c> as <c>\u003c \u003e \u0026</c>,
/// U+2028 and U+2029 escaped, lower-case hex, and everything else (apostrophes, plus signs, non-ASCII text) written
/// as is. The framework's encoders escape <c>'</c> and <c>+</c> and use upper-case hex, which no Go server does.
/// </summary>
public sealed class GoJsonEncoder : JavaScriptEncoder
{
    public static GoJsonEncoder Instance { get; } = new();

    private const string Hex = "0123456789abcdef";

    private GoJsonEncoder()
    {
    }

    /// <summary><c>\uXXXX</c> is the longest escape.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' or '<' or '>' or '&' or 0x2028 or 0x2029;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (WillEncode(c) || (char.IsSurrogate(c) && !IsValidPair(span, i)))
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                i++;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> shortForm = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => default,
        };
        if (!shortForm.IsEmpty)
        {
            return TryCopy(shortForm, destination, out numberOfCharactersWritten);
        }

        if (WillEncode(unicodeScalar) || (unicodeScalar is >= 0xD800 and <= 0xDFFF))
        {
            // Lone surrogates are invalid text; Go writes the replacement character.
            var value = unicodeScalar is >= 0xD800 and <= 0xDFFF ? 0xFFFD : unicodeScalar;
            if (destination.Length < 6)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            destination[0] = '\\';
            destination[1] = 'u';
            destination[2] = Hex[(value >> 12) & 0xF];
            destination[3] = Hex[(value >> 8) & 0xF];
            destination[4] = Hex[(value >> 4) & 0xF];
            destination[5] = Hex[value & 0xF];
            numberOfCharactersWritten = 6;
            return true;
        }

        if (!new System.Text.Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten))
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        return true;
    }

    private static bool IsValidPair(ReadOnlySpan<char> span, int i) =>
        char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]);

    private static bool TryCopy(ReadOnlySpan<char> text, Span<char> destination, out int written)
    {
        written = 0;
        if (!text.TryCopyTo(destination))
        {
            return false;
        }

        written = text.Length;
        return true;
    }
}
