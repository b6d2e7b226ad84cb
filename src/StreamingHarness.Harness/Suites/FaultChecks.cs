using StreamingHarness.Harness.Load;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// For a faults mix: every request must end under one of the outcome labels its model expects (ok alone when none
/// are listed). A request that ended any other way, including one still running at the end, fails the check.
/// </summary>
internal static class FaultChecks
{
    public static IReadOnlyList<FaultCheck> Build(ModelMix mix, IReadOnlyList<RequestSample> samples) =>
        [.. mix.Entries.Select(entry =>
        {
            var expected = entry.Expect.Count == 0 ? ["ok"] : entry.Expect;
            var seen = samples.Where(s => s.Model == entry.Model)
                .GroupBy(s => s.Outcome.Label)
                .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
            var unexpected = seen.Where(kv => !expected.Contains(kv.Key)).Sum(kv => kv.Value);
            return new FaultCheck(
                entry.Model, expected, new SortedDictionary<string, long>(seen, StringComparer.Ordinal), unexpected,
                unexpected == 0 && seen.Count > 0);
        })];
}
