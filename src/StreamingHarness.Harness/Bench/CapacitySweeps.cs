namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The four capacity sweeps' results, each with its seconds: named, so a row cannot be read from the wrong sweep.
/// </summary>
internal sealed record CapacitySweeps(
    (CapacityResult Result, double Seconds) FloorPair,
    (CapacityResult Result, double Seconds) Instrument,
    (CapacityResult Result, double Seconds) ServerHalf,
    (CapacityResult Result, double Seconds) ClientHalf);
