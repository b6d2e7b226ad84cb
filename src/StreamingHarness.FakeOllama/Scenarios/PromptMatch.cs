using System.Text.RegularExpressions;

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

    /// <summary>The pattern, compiled once: case-insensitive, culture-invariant, a second at most per match.</summary>
    internal Regex Regex =>
        _regex ??= new Regex(Pattern!, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The pattern is a literal: each of its characters matches exactly one character.</summary>
    internal bool IsLiteralPattern => Pattern is { } pattern && pattern.AsSpan().IndexOfAny(RegexSyntax) < 0;
}
