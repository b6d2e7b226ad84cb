using System.Diagnostics.CodeAnalysis;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// <c>count</c> plausible English tokens drawn from a fixed vocabulary with a seeded generator: the same seed gives the
/// same text. Sentences start capitalised and end with a full stop. Allocates nothing per token.
/// </summary>
internal sealed class SeededTokenSource(Random random, int count) : ITokenSource
{
    private static readonly string[] Words =
    [
        "the", "model", "stream", "token", "answer", "is", "a", "of", "to", "and", "in", "that", "it", "with", "for",
        "each", "data", "light", "sky", "blue", "because", "small", "waves", "scatter", "more", "than", "red", "one",
        "server", "client", "reads", "line", "sends", "quickly", "every", "time", "this", "can", "be", "simple",
        "very", "good", "first", "next", "then", "when", "runs", "works", "fast", "slow", "as", "on", "by", "we",
    ];

    private static readonly string[] Spaced = [.. Words.Select(w => " " + w)];
    private static readonly string[] Capitalised = [.. Words.Select(w => char.ToUpperInvariant(w[0]) + w[1..])];
    private static readonly string[] SpacedCapitalised = [.. Capitalised.Select(w => " " + w)];

    private int _emitted;
    private int _wordsInSentence;
    private int _sentenceLength;

    public bool TryNext([NotNullWhen(true)] out string? token)
    {
        if (_emitted >= count)
        {
            token = null;
            return false;
        }

        _emitted++;
        var lastToken = _emitted == count;
        if (_sentenceLength > 0 && (_wordsInSentence >= _sentenceLength || lastToken))
        {
            token = ".";
            _wordsInSentence = 0;
            _sentenceLength = 0;
            return true;
        }

        var index = random.Next(Words.Length);
        if (_sentenceLength == 0)
        {
            _sentenceLength = random.Next(6, 14);
            token = _emitted == 1 ? Capitalised[index] : SpacedCapitalised[index];
        }
        else
        {
            token = Spaced[index];
        }

        _wordsInSentence++;
        return true;
    }
}
