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

    private Regex? _regex;
    private string[]? _responseTokens;

    internal string[] ResponseTokens => _responseTokens ??= Generation.Tokenizer.Split(Response);

    internal bool IsMatch(string prompt)
    {
        if (Contains is not null)
        {
            return prompt.Contains(Contains, StringComparison.OrdinalIgnoreCase);
        }

        _regex ??= new Regex(Pattern!, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return _regex.IsMatch(prompt);
    }
}
