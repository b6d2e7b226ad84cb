namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Every histogram a phase's percentiles come from, in full, so that reports of shards (or of any runs of the same
/// suite) merge into percentiles of all their requests together, never averages of percentiles.
/// </summary>
internal sealed record PhaseHistograms(
    HistogramSnapshot Ttft,
    HistogramSnapshot Itl,
    HistogramSnapshot ItlError,
    HistogramSnapshot Tpot,
    HistogramSnapshot E2e,
    HistogramSnapshot Headers,
    HistogramSnapshot QueueWait,
    HistogramSnapshot HarnessLag,
    HistogramSnapshot? ServerFirstLine = null,
    HistogramSnapshot? ServerGaps = null)
{
    public static PhaseHistograms From(
        PhaseRecorder phase, LogHistogram? harnessLag, LogHistogram? serverFirstLine, LogHistogram? serverGaps) => new(
        phase.Ttft.ToSnapshot(),
        phase.Itl.ToSnapshot(),
        phase.ItlError.ToSnapshot(),
        phase.Tpot.ToSnapshot(),
        phase.E2e.ToSnapshot(),
        phase.Headers.ToSnapshot(),
        phase.QueueWait.ToSnapshot(),
        (harnessLag ?? new LogHistogram()).ToSnapshot(),
        serverFirstLine?.ToSnapshot(),
        serverGaps?.ToSnapshot());
}
