namespace StreamingHarness.Harness.Targets;

/// <summary>
/// How the harness starts its own fake and relay; <paramref name="ScenariosDirectory"/> (null: none) is served over the
/// built-in scenarios.
/// </summary>
internal sealed record EmbeddedOptions(
    string? ScenariosDirectory,
    double TimeScale,
    TimeSpan ReadyTimeout,
    IReadOnlyDictionary<string, string> FakeEnvironment,
    IReadOnlyDictionary<string, string> RelayEnvironment);
