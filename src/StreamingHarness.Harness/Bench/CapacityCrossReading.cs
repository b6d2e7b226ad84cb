namespace StreamingHarness.Harness.Bench;

/// <summary>
/// A server of one pair read by the client of the other, at the stream count where the fake + harness broke: which
/// half of the instrument the ITL error comes from (the floor server read by the harness, the fake read by the raw client).
/// </summary>
internal sealed record CapacityCrossReading(string Server, string Client, CapacityReading Reading);
