using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Reports;

/// <summary>Direct vs through the relay, same load, same run: what the relay adds.</summary>
internal static class Comparison
{
    public const string Rule = "ITL preserved when the relay's ITL p50 is within 1 ms and its p99 within 5 ms of direct";

    public static ComparisonResult? Build(IReadOnlyList<PhaseReport> phases, MemoryPerStreamResult? memory)
    {
        var direct = phases.FirstOrDefault(p => p.Summary.Name.StartsWith("fake", StringComparison.Ordinal));
        var relay = phases.FirstOrDefault(p => p.Summary.Name.StartsWith("relay", StringComparison.Ordinal));
        if (direct is null || relay is null)
        {
            return null;
        }

        var d = direct.Summary;
        var r = relay.Summary;
        var itlP50 = Math.Round(r.Itl.P50 - d.Itl.P50, 3);
        var itlP99 = Math.Round(r.Itl.P99 - d.Itl.P99, 3);
        var tokensPerRequest = (double)d.OutputTokens / Math.Max(1, d.Succeeded) - ((double)r.OutputTokens / Math.Max(1, r.Succeeded));
        return new ComparisonResult(
            Math.Round(r.Ttft.P50 - d.Ttft.P50, 3),
            Math.Round(r.Ttft.P99 - d.Ttft.P99, 3),
            itlP50,
            itlP99,
            Math.Abs(itlP50) <= 1 && Math.Abs(itlP99) <= 5,
            Math.Abs(tokensPerRequest) < 1e-9,
            Rule,
            direct.Usage,
            relay.Usage,
            memory?.Slopes.FirstOrDefault(s => s.Process == "relay")?.HeapBytesPerStream)
        {
            DirectAdded = d.Added,
            RelayAdded = r.Added,
        };
    }
}
