using System.Text.RegularExpressions;
using StreamingHarness.FakeOllama.Generation;

namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>"When the prompt contains this (or matches this pattern), answer that."</summary>
public sealed class PromptMatch
{
    /// <summary>Case-insensitive substring.</summary>
    public string? Contains { get; init; }

    /// <summary>.NET regular expression, case-insensitive.</summary>
    public string? Pattern { get; init; }

    public required string Response { get; init; }

    /// <summary>Characters with a meaning in a .NET pattern (without <see cref="RegexOptions.IgnorePatternWhitespace"/>).</summary>
    private static readonly System.Buffers.SearchValues<char> RegexSyntax = System.Buffers.SearchValues.Create(@"\*+?|{}[]()^$.");

    private Regex? _regex;
    private string[]? _responseTokens;

    internal string[] ResponseTokens => _responseTokens ??= Generation.Tokenizer.Split(Response);

    /// <summary>
    /// A substring, or a pattern that is only a literal (each of its characters matches one character), is looked for a
    /// window at a time; any other pattern needs the whole prompt as a string.
    /// </summary>
    internal bool IsMatch(PromptText prompt)
    {
        if (Contains is not null)
        {
            return prompt.AnyWindow(Contains.Length - 1, window => window.Contains(Contains, StringComparison.OrdinalIgnoreCase));
        }

        var pattern = Pattern!;
        var regex = _regex ??= new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return pattern.AsSpan().IndexOfAny(RegexSyntax) < 0
            ? prompt.AnyWindow(pattern.Length - 1, window => regex.IsMatch(window))
            : regex.IsMatch(prompt.ToString());
    }
}
