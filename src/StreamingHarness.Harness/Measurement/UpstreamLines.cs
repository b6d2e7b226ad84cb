using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The lines the fake wrote for one request, as its journal keeps them: the request's arrival on the host's monotonic
/// clock (<c>start_monotonic_ns</c>), each line's flush time since then (<c>line_times_ms</c>), and the answer text
/// written up to each line (<c>line_text_ends</c>). Empty when the fake kept none (an old fake, a virtual clock).
/// </summary>
internal sealed record UpstreamLines(long StartNs, IReadOnlyList<double> TimesMs, IReadOnlyList<long> TextEnds)
{
    public static UpstreamLines None { get; } = new(0, [], []);

    /// <summary>Lines that can be placed on the host's clock: a real start, and a text end for every time.</summary>
    public bool CanJoin => StartNs > 0 && TextEnds.Count == TimesMs.Count && TimesMs.Count > 0;

    /// <summary>Line <paramref name="index"/>'s flush time on the host's monotonic clock, in nanoseconds.</summary>
    public long SentNs(int index) => StartNs + (long)Math.Round(TimesMs[index] * 1e6);

    /// <summary>A journal entry's lines (<c>GET /__fake/journal</c>); an older fake's, without these fields, cannot join.</summary>
    public static UpstreamLines Of(JournalRecord entry) => new(entry.StartMonotonicNs, entry.LineTimesMs, entry.LineTextEnds);
}
