using System.Globalization;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// Streaming is a rule: every token reaches the client within <c>--max-added-delay</c> of the fake sending it, and the
/// tokens arrive in about as many bursts as a service holding none longer could make
/// (<see cref="StreamJoin.FewestHonestBursts"/>). A coalescing window shorter than the bound passes; buffering the
/// answer, or holding every chunk, does not. Returns null for a pass, or the defect with its figures.
/// </summary>
internal static class ShapeJudge
{
    public static string? Judge(AddedDelay? join, TimeSpan maxAdded)
    {
        if (join is null || join.Joined < 2)
        {
            return null;
        }

        var fewest = StreamJoin.FewestHonestBursts(join.Timeline, maxAdded);
        var late = join.Timeline.Count(t => t.AddedNs > maxAdded.TotalNanoseconds);
        // Buffered: nothing reached the client before the upstream sent its last token. Judged on times, not on the
        // burst count, since one write of the whole answer may still reach the client in two reads on a busy machine.
        if (fewest > 1 && join.Timeline[0].ArrivedNs >= join.Timeline[^1].SentNs)
        {
            var arrived = join.Timeline[^1].ArrivedNs - join.Timeline[0].SentNs;
            return $"buffered: {join.Joined} tokens the upstream sent over {Duration(join.SentOverMs)} reached the client in "
                + $"{join.Bursts} burst{(join.Bursts == 1 ? "" : "s")} after the last was sent, at {Duration(arrived / 1e6)} "
                + $"(added delay p50 {Duration(join.P50Ms)})";
        }

        if (late > 0)
        {
            return $"delayed: {late} of {join.Joined} tokens reached the client more than {Duration(maxAdded.TotalMilliseconds)} "
                + $"after the upstream sent them ({Figures(join)})";
        }

        return join.Bursts * 2 < fewest
            ? $"coalesced: {join.Joined} tokens the upstream sent in {join.SentBursts} bursts over {Duration(join.SentOverMs)} "
                + $"reached the client in {join.Bursts} ({Figures(join)})"
            : null;
    }

    /// <summary>"added delay p50 3 ms, p99 41 ms, max 52 ms, 15 bursts for 15 tokens".</summary>
    public static string Figures(AddedDelay join) =>
        $"added delay p50 {Duration(join.P50Ms)}, p99 {Duration(join.P99Ms)}, max {Duration(join.MaxMs)}, "
        + $"{join.Bursts} burst{(join.Bursts == 1 ? "" : "s")} for {join.Joined} tokens";

    /// <summary>Milliseconds under a second ("7.4 ms", "250 ms"), seconds above ("15.5 s").</summary>
    public static string Duration(double ms) => ms switch
    {
        < 10 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        < 1000 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
    };
}
