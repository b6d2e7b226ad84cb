namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>Ollama's short model names: a missing tag means <c>:latest</c>.</summary>
internal static partial class ModelNames
{
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        var slash = trimmed.LastIndexOf('/');
        return trimmed.IndexOf(':', slash + 1) >= 0 ? trimmed : trimmed + ":latest";
    }

    /// <summary>
    /// Ollama's name rules (<c>types/model/name.go</c>), roughly: <c>[host/][namespace/]model[:tag]</c>, each part
    /// starting with a letter, digit or underscore and made of letters, digits, <c>_ . -</c>; a tag up to 80 characters.
    /// </summary>
    public static bool IsValid(string name) => ValidName().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,349}/){0,2}[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,79})?$")]
    private static partial System.Text.RegularExpressions.Regex ValidName();

    public static bool Same(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);
}
