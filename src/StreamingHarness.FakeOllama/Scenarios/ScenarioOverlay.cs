namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// A user's scenarios laid over the built-in ones: a user scenario replaces every built-in scenario that has its name
/// or serves one of its models, so a folder can redefine <c>llama3.2</c> without a "served twice" error.
/// </summary>
internal static class ScenarioOverlay
{
    public static IReadOnlyList<Scenario> Apply(IReadOnlyList<Scenario> builtIn, IReadOnlyList<Scenario> own)
    {
        var ownNames = own.SelectMany(Names).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. builtIn.Where(s => !Names(s).Any(ownNames.Contains)), .. own];
    }

    /// <summary>The scenario's own name and every model it serves (a scenario also serves a model named after itself).</summary>
    private static IEnumerable<string> Names(Scenario scenario) =>
        scenario.Models.Select(m => ModelNames.Normalize(m.Name)).Append(ModelNames.Normalize(scenario.Name));
}
