using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// One deadline per phase, as a careful streaming client sets them, with the client library's semantics
/// (<c>OllamaStreamDeadlines</c>). Null disables a phase. Headers, first token and total count from the send; once a
/// token arrived, idle counts from the last complete line, so bytes that trickle in without ending a line do not keep a
/// stalled stream alive.
/// </summary>
internal sealed record RequestTimeouts(
    TimeSpan? Headers = null,
    TimeSpan? FirstToken = null,
    TimeSpan? Idle = null,
    TimeSpan? Total = null)
{
    public static RequestTimeouts Default { get; } = new(
        Headers: TimeSpan.FromSeconds(60),
        FirstToken: TimeSpan.FromSeconds(120),
        Idle: TimeSpan.FromSeconds(30),
        Total: TimeSpan.FromMinutes(10));

    /// <summary>The deadline <paramref name="request"/> missed by <paramref name="now"/> (a <see cref="Ticks"/> reading), if any.</summary>
    public TimeoutPhase Missed(RequestTimeline request, long now)
    {
        if (Total is { } total && Since(request.Start, now) > total)
        {
            return TimeoutPhase.Total;
        }

        if (!request.HasFirstToken)
        {
            // Ollama holds its headers until the first token, so the first-token deadline runs while headers are awaited too.
            if (request.Headers == 0 && Headers is { } headers && Since(request.Start, now) > headers)
            {
                return TimeoutPhase.Headers;
            }

            return FirstToken is { } first && Since(request.Start, now) > first ? TimeoutPhase.FirstToken : TimeoutPhase.None;
        }

        return Idle is { } idle && Since(request.LastLine, now) > idle ? TimeoutPhase.Idle : TimeoutPhase.None;
    }

    private static TimeSpan Since(long from, long now) => TimeSpan.FromMilliseconds(Ticks.ToMilliseconds(now - from));
}
