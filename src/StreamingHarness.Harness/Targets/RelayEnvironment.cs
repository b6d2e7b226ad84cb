namespace StreamingHarness.Harness.Targets;

/// <summary>Settings the harness gives the relay it starts, so the relay's own protections do not cap the load being measured.</summary>
internal static class RelayEnvironment
{
    public static IReadOnlyDictionary<string, string> ForLoad { get; } = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Warning",

        // Per-client rate limits would cap the very concurrency under test (the harness is one client).
        ["Relay__RateLimits__Enabled"] = "false",

        // The long-stream check asks for 100,000 tokens; the relay's default cap is 8,192.
        ["Relay__Requests__MaxTokensLimit"] = "1000000",
    };
}
