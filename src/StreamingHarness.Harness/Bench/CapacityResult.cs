namespace StreamingHarness.Harness.Bench;

/// <summary>
/// What a capacity sweep found: the highest stream count that held (null when even the fewest broke), the lowest that
/// broke (null when none did), every step in the order it was measured, and why it stopped.
/// </summary>
internal sealed record CapacityResult(
    CapacityReading? Capacity, int? LowestBroken, IReadOnlyList<CapacityReading> Steps, CapacityStop Stop);
