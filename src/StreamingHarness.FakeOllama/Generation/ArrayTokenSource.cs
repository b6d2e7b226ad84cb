using System.Diagnostics.CodeAnalysis;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>Tokens of a text split once (fixed, matched or echoed answers).</summary>
internal sealed class ArrayTokenSource(string[] tokens) : ITokenSource
{
    public static readonly ArrayTokenSource Empty = new([]);

    private int _next;

    public bool TryNext([NotNullWhen(true)] out string? token)
    {
        if (_next < tokens.Length)
        {
            token = tokens[_next++];
            return true;
        }

        token = null;
        return false;
    }
}
