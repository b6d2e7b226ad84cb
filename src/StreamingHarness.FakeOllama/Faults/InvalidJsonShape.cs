namespace StreamingHarness.FakeOllama.Faults;

/// <summary>How <see cref="InvalidJsonFault"/> breaks the JSON.</summary>
public enum InvalidJsonShape
{
    /// <summary>The text stops part way, as when a stream is cut.</summary>
    Truncated,

    /// <summary>Everything but the last closing bracket.</summary>
    Unbalanced,
}
