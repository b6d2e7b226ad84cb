namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>Scenario YAML for fault tests: five tokens, no delay of its own, and the faults given.</summary>
internal static class FaultYaml
{
    public const string Response = "one two three four five";

    /// <summary>The same answer with no fault: what the faulted streams are compared with, byte for byte.</summary>
    public const string Baseline = """
        name: base
        response: "one two three four five"
        """;

    public static string With(string kind, params string[] settings) => Scenario("t", Response, (kind, settings));

    public static string Scenario(string name, string response, params (string Kind, string[] Settings)[] faults)
    {
        var text = $"name: {name}\nresponse: \"{response}\"\nfaults:\n";
        foreach (var (kind, settings) in faults)
        {
            text += $"  - kind: {kind}\n";
            foreach (var setting in settings)
            {
                text += $"    {setting}\n";
            }
        }

        return text;
    }
}
