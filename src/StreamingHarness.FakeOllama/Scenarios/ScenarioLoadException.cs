namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>A scenario that cannot be used: which file, which line, and why. Start-up stops on it.</summary>
public sealed class ScenarioLoadException : Exception
{
    public ScenarioLoadException(string? file, long line, string reason)
        : base(Describe(file, line, reason))
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public ScenarioLoadException()
        : this(null, 0, "invalid scenario")
    {
    }

    public ScenarioLoadException(string message)
        : this(null, 0, message)
    {
    }

    public ScenarioLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The scenario file, or null for a scenario built in code.</summary>
    public string? File { get; }

    /// <summary>1-based line, 0 when the problem is not on one line.</summary>
    public long Line { get; }

    public string Reason { get; } = "";

    private static string Describe(string? file, long line, string reason) =>
        (file, line) switch
        {
            (null, _) => $"scenario: {reason}",
            (_, 0) => $"{file}: {reason}",
            _ => $"{file}:{line}: {reason}",
        };
}
