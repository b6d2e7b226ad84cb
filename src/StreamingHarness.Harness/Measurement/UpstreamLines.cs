using System.Text.Json;

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

    /// <summary>A journal entry's lines (<c>GET /__fake/journal</c>), or <see cref="None"/> when the fake keeps no such fields.</summary>
    public static UpstreamLines Of(JsonElement entry) =>
        entry.TryGetProperty("start_monotonic_ns", out var start) && entry.TryGetProperty("line_text_ends", out var ends)
        && entry.TryGetProperty("line_times_ms", out var times)
            ? new UpstreamLines(
                start.GetInt64(),
                [.. times.EnumerateArray().Select(t => t.GetDouble())],
                [.. ends.EnumerateArray().Select(t => t.GetInt64())])
            : None;
}
