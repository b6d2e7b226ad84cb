using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Reports;

/// <summary>The report and the per-request samples (written to the CSV, not to summary.json).</summary>
internal sealed record RunResult(RunReport Report, IReadOnlyList<RequestSample> Samples);
