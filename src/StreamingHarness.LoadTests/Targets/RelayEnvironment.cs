namespace StreamingHarness.LoadTests.Targets;

/// <summary>Settings the harness gives the relay it starts, so the relay's own protections do not cap the load being measured.</summary>
internal static class RelayEnvironment
{
    public static IReadOnlyDictionary<string, string> ForLoad { get; } = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
