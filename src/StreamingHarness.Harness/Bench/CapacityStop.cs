namespace StreamingHarness.Harness.Bench;

/// <summary>Why a capacity sweep stopped.</summary>
internal enum CapacityStop
{
    /// <summary>A holding and a breaking stream count within the resolution of each other: the capacity is found.</summary>
    Bracketed,

    /// <summary>The most streams the sweep tries still held: the capacity is at least that.</summary>
    HeldAtMax,

    /// <summary>The step budget ran out before the bracket was narrow enough: the capacity is the best holding step so far.</summary>
    OutOfSteps,
}
