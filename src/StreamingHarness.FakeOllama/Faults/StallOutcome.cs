namespace StreamingHarness.FakeOllama.Faults;

/// <summary>What a stalled stream does once its silence is over.</summary>
public enum StallOutcome
{
    /// <summary>Carries on as if nothing happened.</summary>
    Resume,

    /// <summary>Resets the connection (RST), as a crashed server's kernel does.</summary>
    Reset,

    /// <summary>Closes the connection (FIN) with no chunked terminator.</summary>
    Close,

    /// <summary>Never ends: silence until the client gives up.</summary>
    Hang,
}
