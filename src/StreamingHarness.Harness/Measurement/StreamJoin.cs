namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Joins the two ends of one hop: the lines the fake sent (<see cref="UpstreamLines"/>, from its journal) and the
/// events with text the client received (<see cref="TextArrivals"/>). Both are on one clock: the fake stamps its
/// lines from <c>Stopwatch.GetTimestamp()</c>, the harness its arrivals too, and on Linux that is CLOCK_MONOTONIC,
/// one clock for the whole host, so two processes' readings compare directly (to the microseconds between a flush
/// returning and the stamp, and between a read and the parse).
/// <para>
/// The join goes by position in the answer text, not by chunk index, because services merge tokens (a coalescing
/// window, a response buffer): the fake's token whose text ends at character n arrived with the first client event
/// whose text reaches n, so a merged event counts each of its tokens at the time its last character arrived. A token
/// is a fake line that carried answer text (<c>line_text_ends</c> moved); thinking and tool calls are not joined.
/// </para>
/// </summary>
internal static class StreamJoin
{
    /// <summary>Arrivals (or sends) closer than this belong to one burst.</summary>
    public static readonly long BurstGapNs = 1_000_000;

    /// <summary>The join, or null when the fake's lines cannot be placed on the host clock or carried no text.</summary>
    public static AddedDelay? Join(UpstreamLines upstream, IReadOnlyList<TextArrival> arrivals)
    {
        if (!upstream.CanJoin)
        {
            return null;
        }

        var timeline = new List<TokenTiming>();
        var tokens = 0;
        var sentBursts = 0;
        var bursts = 0;
        long previousEnd = 0;
        long lastSent = 0;
        var arrival = 0;
        var lastArrival = -1;
        for (var line = 0; line < upstream.TimesMs.Count; line++)
        {
            var end = upstream.TextEnds[line];
            if (end <= previousEnd)
            {
                continue;
            }

            previousEnd = end;
            tokens++;
            var sent = upstream.SentNs(line);
            sentBursts += tokens == 1 || sent - lastSent >= BurstGapNs ? 1 : 0;
            lastSent = sent;
            while (arrival < arrivals.Count && arrivals[arrival].TextEnd < end)
            {
                arrival++;
            }

            if (arrival == arrivals.Count)
            {
                continue;
            }

            var arrived = Ticks.ToNanoseconds(arrivals[arrival].At);
            if (arrival != lastArrival)
            {
                bursts += lastArrival < 0 || arrived - Ticks.ToNanoseconds(arrivals[lastArrival].At) >= BurstGapNs ? 1 : 0;
                lastArrival = arrival;
            }

            timeline.Add(new TokenTiming(sent, arrived));
        }

        return tokens == 0 ? null : new AddedDelay(tokens, timeline, bursts, sentBursts);
    }

    /// <summary>
    /// The fewest bursts a service may deliver <paramref name="timeline"/>'s tokens in if it holds none longer than
    /// <paramref name="maxAdded"/>: the sends covered greedily by windows that long.
    /// </summary>
    public static int FewestHonestBursts(IReadOnlyList<TokenTiming> timeline, TimeSpan maxAdded)
    {
        var windows = 0;
        long windowStart = 0;
        var window = (long)maxAdded.TotalNanoseconds;
        foreach (var token in timeline)
        {
            if (windows == 0 || token.SentNs - windowStart > window)
            {
                windows++;
                windowStart = token.SentNs;
            }
        }

        return windows;
    }
}
