namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// What a service added to one request's stream, token by token (<see cref="StreamJoin"/>): the added TTFT (the
/// client's first token minus the fake's), the added delay of every token (p50, p99, max), and the bursts it arrived
/// in (arrivals less than <see cref="StreamJoin.BurstGapNs"/> apart are one burst) against the bursts the fake sent.
/// </summary>
internal sealed record AddedDelay(int Tokens, IReadOnlyList<TokenTiming> Timeline, int Bursts, int SentBursts)
{
    /// <summary>Tokens the fake sent that the client received (joined by position in the text).</summary>
    public int Joined => Timeline.Count;

    public double AddedTtftMs => Timeline.Count == 0 ? 0 : Ms(Timeline[0].AddedNs);

    public double P50Ms => Quantile(0.50);

    public double P99Ms => Quantile(0.99);

    public double MaxMs => Timeline.Count == 0 ? 0 : Ms(Timeline.Max(t => t.AddedNs));

    /// <summary>From the fake's first token to its last, in milliseconds.</summary>
    public double SentOverMs => Timeline.Count == 0 ? 0 : Ms(Timeline[^1].SentNs - Timeline[0].SentNs);

    /// <summary>Nearest rank over the tokens' added delays, in milliseconds.</summary>
    public double Quantile(double quantile)
    {
        if (Timeline.Count == 0)
        {
            return 0;
        }

        var sorted = Timeline.Select(t => t.AddedNs).Order().ToArray();
        var rank = Math.Max(1, (int)Math.Ceiling(quantile * sorted.Length));
        return Ms(sorted[rank - 1]);
    }

    private static double Ms(long nanoseconds) => Math.Round(nanoseconds / 1e6, 3);
}
