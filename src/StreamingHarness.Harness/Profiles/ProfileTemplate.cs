using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// A profile's request body or header value with its placeholders: <c>{{model}}</c>, <c>{{prompt}}</c>,
/// <c>{{max_tokens}}</c> and <c>{{env:NAME}}</c>. Environment variables are read once, when the profile is loaded,
/// so a missing one stops the run before it starts; the rest are filled in per model.
/// </summary>
internal sealed partial class ProfileTemplate
{
    /// <summary>What <c>{{max_tokens}}</c> becomes when the run sets no <c>--max-tokens</c>.</summary>
    public const int DefaultMaxTokens = 1024;

    private readonly string _text;

    private ProfileTemplate(string text) => _text = text;

    /// <summary>
    /// Checks the placeholders and reads the environment; a problem throws with the reason (no file or line: the caller adds them).
    /// </summary>
    public static ProfileTemplate Parse(string text)
    {
        var resolved = Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value.Trim();
            if (name is "model" or "prompt" or "max_tokens")
            {
                return "{{" + name + "}}";
            }

            if (name.StartsWith("env:", StringComparison.Ordinal))
            {
                var variable = name[4..];
                return Environment.GetEnvironmentVariable(variable)
                    ?? throw new FormatException($"environment variable '{variable}' (from {{{{{name}}}}}) is not set");
            }

            throw new FormatException(
                $"unknown placeholder {{{{{name}}}}}: use {{{{model}}}}, {{{{prompt}}}}, {{{{max_tokens}}}} or {{{{env:NAME}}}}");
        });
        return new ProfileTemplate(resolved);
    }

    /// <summary>The text for one model; <paramref name="json"/> escapes the model and prompt for a JSON string.</summary>
    public string Render(string model, string prompt, int? maxTokens, bool json) => new StringBuilder(_text)
        .Replace("{{model}}", json ? Escape(model) : model)
        .Replace("{{prompt}}", json ? Escape(prompt) : prompt)
        .Replace("{{max_tokens}}", (maxTokens ?? DefaultMaxTokens).ToString(CultureInfo.InvariantCulture))
        .ToString();

    private static string Escape(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    private static partial Regex Placeholder();
}
