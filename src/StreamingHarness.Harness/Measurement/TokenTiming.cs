namespace StreamingHarness.Harness.Measurement;

/// <summary>One token joined across the hop: when the fake sent it and when its last character reached the client (host ns).</summary>
internal readonly record struct TokenTiming(long SentNs, long ArrivedNs)
{
    /// <summary>
    /// What the hop added. Never below zero: the fake stamps a line once its flush returned, the client as it parses
    /// the line, and a client can parse a line a few microseconds before the fake's stamp (that is the method's error).
    /// </summary>
    public long AddedNs => Math.Max(0, ArrivedNs - SentNs);
}
