using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Reports;

/// <summary>
/// A phase's figures, what each process spent during it, and (direct to a fake) the fake's own time to its first
/// line for the same period, from its journal. <see cref="Histograms"/> holds every histogram in full, for <c>merge</c>.
/// </summary>
internal sealed record PhaseReport(
    PhaseSummary Summary,
    IReadOnlyList<ProcessUsage> Usage,
    Percentiles? ServerFirstLine = null,
    Percentiles? ServerGaps = null,
    PhaseHistograms? Histograms = null)
{
    /// <summary>
    /// Sent = succeeded + failed + cancelled: nothing lost. Requests still running when the drain time ran out count as
    /// failed (kind "cancelled"); requests cut by the user's Ctrl+C count as cancelled, not as errors.
    /// </summary>
    public bool AccountingExact => Summary.Sent == Summary.Succeeded + Summary.Failed + Summary.Cancelled;
}
