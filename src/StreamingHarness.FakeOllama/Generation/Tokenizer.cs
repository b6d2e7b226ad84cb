namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Splits text into word-like tokens the way a BPE tokenizer roughly does: a word keeps its leading space
/// (<c>"Hello", ",", " world", "!"</c>), punctuation and line breaks are tokens of their own.
/// Joining the tokens gives the text back exactly.
/// </summary>
internal static class Tokenizer
{
    public static string[] Split(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            i = NextEnd(text, i);
            tokens.Add(text[start..i]);
        }

        return [.. tokens];
    }

    /// <summary>Number of tokens <see cref="Split"/> would give, without allocating.</summary>
    public static int Count(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; count++)
        {
            i = NextEnd(text, i);
        }

        return count;
    }

    private static int NextEnd(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i == text.Length)
        {
            return i;
        }

        if (char.IsLetterOrDigit(text[i]))
        {
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\''))
            {
                i++;
            }

            return i;
        }

        return char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? i + 2 : i + 1;
    }
}
