namespace StreamingHarness.Harness.Reports;

/// <summary>For one model of a faults mix: how its requests ended, and whether every one ended as expected.</summary>
internal sealed record FaultCheck(
    string Model, IReadOnlyList<string> Expected, IReadOnlyDictionary<string, long> Seen, long Unexpected, bool Passed);
