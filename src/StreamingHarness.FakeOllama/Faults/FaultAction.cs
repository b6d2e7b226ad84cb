namespace StreamingHarness.FakeOllama.Faults;

/// <summary>What the stream does after a fault hook returns.</summary>
public enum FaultAction
{
    /// <summary>Carry on as normal: write the line (or the headers), then ask the next fault.</summary>
    Continue,

    /// <summary>The fault wrote what it wanted instead of this line; skip the line and carry on with the next one.</summary>
    Replaced,

    /// <summary>End the stream here: nothing more is written. Call <see cref="FaultContext.EndStream"/> or
    /// <see cref="FaultContext.Abort"/> first so the journal says why.</summary>
    Stop,
}
