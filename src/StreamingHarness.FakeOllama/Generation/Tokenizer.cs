using System.Buffers;
using System.Text;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Splits text into word-like tokens the way a BPE tokenizer roughly does: a word keeps its leading space
/// (<c>"Hello", ",", " world", "!"</c>), punctuation and line breaks are tokens of their own, a character outside the
/// Basic Multilingual Plane is a token of its own. Joining the tokens gives the text back exactly. Text comes as a
/// string or as UTF-8 (a chat prompt read straight from the request body); both give the same tokens.
/// </summary>
internal static class Tokenizer
{
    public static string[] Split(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var start = i;
            i = NextEnd<char, Utf16>(text, i);
            tokens.Add(text[start..i]);
        }

        return [.. tokens];
    }

    public static string[] Split(ReadOnlySpan<byte> utf8)
    {
        var tokens = new List<string>();
        for (var i = 0; i < utf8.Length;)
        {
            var start = i;
            i = NextEnd<byte, Utf8>(utf8, i);
            tokens.Add(Encoding.UTF8.GetString(utf8[start..i]));
        }

        return [.. tokens];
    }

    /// <summary>Number of tokens <see cref="Split(string)"/> would give, without allocating.</summary>
    public static int Count(string text) => Count<char, Utf16>(text);

    /// <summary>Number of tokens <see cref="Split(ReadOnlySpan{byte})"/> would give, without allocating.</summary>
    public static int Count(ReadOnlySpan<byte> utf8) => Count<byte, Utf8>(utf8);

    private static int Count<TUnit, TDecoder>(ReadOnlySpan<TUnit> text)
        where TDecoder : IRuneDecoder<TUnit>
    {
        var count = 0;
        for (var i = 0; i < text.Length; count++)
        {
            i = NextEnd<TUnit, TDecoder>(text, i);
        }

        return count;
    }

    private static int NextEnd<TUnit, TDecoder>(ReadOnlySpan<TUnit> text, int i)
        where TDecoder : IRuneDecoder<TUnit>
    {
        var (rune, length) = TDecoder.Decode(text[i..]);
        while (rune.Value == ' ' && (i += length) < text.Length)
        {
            (rune, length) = TDecoder.Decode(text[i..]);
        }

        if (i == text.Length || !IsWordPart(rune) || rune.Value == '\'')
        {
            return Math.Min(i + length, text.Length);
        }

        while (i < text.Length && IsWordPart(rune))
        {
            i += length;
            (rune, length) = i < text.Length ? TDecoder.Decode(text[i..]) : (rune, 0);
        }

        return i;
    }

    /// <summary>A letter or digit of the Basic Multilingual Plane, or an apostrophe inside a word (<c>don't</c>).</summary>
    private static bool IsWordPart(Rune rune) =>
        rune.Value < 0x80 ? char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '\''
        : rune.IsBmp && char.IsLetterOrDigit((char)rune.Value);

    private interface IRuneDecoder<TUnit>
    {
        /// <summary>The rune at the start of <paramref name="text"/>; an invalid sequence reads as one unit of U+FFFD.</summary>
        static abstract (Rune Rune, int Length) Decode(ReadOnlySpan<TUnit> text);
    }

    private readonly struct Utf16 : IRuneDecoder<char>
    {
        public static (Rune Rune, int Length) Decode(ReadOnlySpan<char> text) =>
            Rune.DecodeFromUtf16(text, out var rune, out var length) == OperationStatus.Done ? (rune, length) : (rune, Math.Max(length, 1));
    }

    private readonly struct Utf8 : IRuneDecoder<byte>
    {
        public static (Rune Rune, int Length) Decode(ReadOnlySpan<byte> text) =>
            text[0] < 0x80 ? (new Rune(text[0]), 1)
            : Rune.DecodeFromUtf8(text, out var rune, out var length) == OperationStatus.Done
                ? (rune, length)
                : (rune, Math.Max(length, 1));
    }
}
