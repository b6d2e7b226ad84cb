using System.Text.Json;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// The timing profile of a recording, with the load harness's definitions (stream-metrics): TTFT is the offset of the
/// first line carrying content or thinking, ITL the gaps between consecutive token lines, E2E the offset of the
/// terminal line (<c>done:true</c>, <c>[DONE]</c>, else the last line), TPOT (E2E − TTFT) / (tokens − 1), and the
/// decode rate (tokens − 1) over the time from the first to the last token.
/// </summary>
public sealed record RecordingTimings(
    int Lines,
    int Tokens,
    double? HeadersMs,
    double? TtftMs,
    double? E2eMs,
    double? TpotMs,
    double? DecodeTokensPerSecond,
    long? EvalCount,
    double? OllamaTokensPerSecond,
    IReadOnlyList<double> ItlMs)
{
    public static RecordingTimings Of(RecordedExchange recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var tokenTimes = recording.Lines.Where(l => l.IsToken).Select(l => l.AtMs).ToArray();
        var itl = new double[Math.Max(0, tokenTimes.Length - 1)];
        for (var i = 1; i < tokenTimes.Length; i++)
        {
            itl[i - 1] = tokenTimes[i] - tokenTimes[i - 1];
        }

        var terminal = recording.Lines.LastOrDefault(l => l.Kind is LineKind.Final or LineKind.DoneMarker) ?? (recording.Lines.Count > 0 ? recording.Lines[^1] : null);
        double? ttft = tokenTimes.Length > 0 ? tokenTimes[0] : null;
        double? e2e = terminal?.AtMs;
        var (evalCount, evalNs) = OllamaCounts(recording.Lines.LastOrDefault(l => l.Kind == LineKind.Final));
        return new RecordingTimings(
            recording.Lines.Count,
            tokenTimes.Length,
            recording.Status == 0 ? null : recording.HeadersMs,
            ttft,
            e2e,
            tokenTimes.Length > 1 && e2e is { } end ? (end - ttft!.Value) / (tokenTimes.Length - 1) : null,
            tokenTimes.Length > 1 && tokenTimes[^1] > tokenTimes[0] ? (tokenTimes.Length - 1) * 1000 / (tokenTimes[^1] - tokenTimes[0]) : null,
            evalCount,
            evalCount is > 0 && evalNs is > 0 ? evalCount.Value * 1e9 / evalNs.Value : null,
            [.. itl.Order()]);
    }

    /// <summary>Nearest-rank percentile of the ITL, null when there is no gap.</summary>
    public double? ItlPercentile(double p) =>
        ItlMs.Count == 0 ? null : ItlMs[Math.Clamp((int)Math.Ceiling(p / 100 * ItlMs.Count) - 1, 0, ItlMs.Count - 1)];

    /// <summary>What Ollama itself said in its final chunk: <c>eval_count</c> and <c>eval_duration</c>.</summary>
    private static (long? Count, long? Nanoseconds) OllamaCounts(RecordedLine? final)
    {
        if (final is null)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(final.Bytes);
            var root = document.RootElement;
            long? count = root.TryGetProperty("eval_count", out var c) && c.TryGetInt64(out var n) ? n : null;
            long? duration = root.TryGetProperty("eval_duration", out var d) && d.TryGetInt64(out var ns) ? ns : null;
            return (count, duration);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
