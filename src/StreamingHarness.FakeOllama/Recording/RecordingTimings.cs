using System.Text.Json;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// The timing profile of a recording, with the load harness's definitions (<see cref="StreamTimeline"/>, stream-metrics):
/// TTFT, ITL, E2E (the terminal line, else the last line) and TPOT over the lines with output, plus the decode rate
/// (chunks − 1) over the time from the first to the last output line, and Ollama's own rate from its final chunk.
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
        var timeline = new StreamTimeline(0);
        var itl = new List<double>();
        byte[]? final = null;
        foreach (var line in recording.Lines)
        {
            var at = Ticks(line.AtMs);
            var read = LineClassifier.Read(line.Bytes, recording.Request.Path, recording.Framing);
            if (timeline.OnLine(at, read.HasOutput) is var gap and >= 0)
            {
                itl.Add(Ms(gap));
            }

            timeline.OnReportedTokens(read.CompletionTokens);
            if (read.Kind == StreamLineKind.Terminal)
            {
                timeline.OnTerminal(at);
                final = line.Bytes;
            }
        }

        if (recording.Lines.Count > 0)
        {
            timeline.OnEnded(Ticks(recording.Lines[^1].AtMs));
        }

        var chunks = timeline.OutputChunks;
        var (evalCount, evalNs) = OllamaCounts(final);
        return new RecordingTimings(
            recording.Lines.Count,
            (int)chunks,
            recording.Status == 0 ? null : recording.HeadersMs,
            timeline.Ttft is { } ttft ? Ms(ttft) : null,
            timeline.E2e is { } e2e ? Ms(e2e) : null,
            timeline.Tpot is { } tpot ? tpot / TimeSpan.TicksPerMillisecond : null,
            chunks > 1 && timeline.LastOutput > timeline.FirstOutput
                ? (chunks - 1) * 1000 / Ms(timeline.LastOutput - timeline.FirstOutput)
                : null,
            evalCount,
            evalCount is > 0 && evalNs is > 0 ? evalCount.Value * 1e9 / evalNs.Value : null,
            [.. itl.Order()]);
    }

    /// <summary>Nearest-rank percentile of the ITL, null when there is no gap.</summary>
    public double? ItlPercentile(double p) =>
        ItlMs.Count == 0 ? null : ItlMs[Math.Clamp((int)Math.Ceiling(p / 100 * ItlMs.Count) - 1, 0, ItlMs.Count - 1)];

    private static long Ticks(double ms) => (long)Math.Round(ms * TimeSpan.TicksPerMillisecond);

    private static double Ms(long ticks) => (double)ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>What Ollama itself said in its native final chunk: <c>eval_count</c> and <c>eval_duration</c>.</summary>
    private static (long? Count, long? Nanoseconds) OllamaCounts(byte[]? final)
    {
        if (final is null)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(final);
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
