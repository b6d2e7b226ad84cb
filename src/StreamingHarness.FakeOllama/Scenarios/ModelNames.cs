namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>Ollama's short model names: a missing tag means <c>:latest</c>.</summary>
internal static class ModelNames
{
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        var slash = trimmed.LastIndexOf('/');
        return trimmed.IndexOf(':', slash + 1) >= 0 ? trimmed : trimmed + ":latest";
    }

    public static bool Same(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);
}
