using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// When a line fault fires. Every condition given must hold at a line boundary (faults act between lines):
/// <list type="bullet">
/// <item><see cref="AfterTokens"/>: at least this many tokens were delivered (0 = before the first token);</item>
/// <item><see cref="AtMs"/>: at least this long since the request arrived (scaled by the time scale);</item>
/// <item><see cref="Probability"/>: a draw from the fault's generator, seeded by the request's seed, so the same seed
/// fires at the same lines.</item>
/// </list>
/// A fault fires once per request unless <see cref="Repeat"/> is set, in which case it fires at every matching line.
/// </summary>
public sealed record FaultTrigger
{
    /// <summary>Fires at the first line boundary where every condition holds, once.</summary>
    public static FaultTrigger Once { get; } = new();

    /// <summary>Fires at every line.</summary>
    public static FaultTrigger EveryLine { get; } = new() { Repeat = true };

    /// <summary>Tokens delivered before the fault may fire; null = no condition. 0 or more.</summary>
    public int? AfterTokens { get; init; }

    /// <summary>Milliseconds since the request arrived, before the time scale; null = no condition. 0 or more.</summary>
    public double? AtMs { get; init; }

    /// <summary>Chance of firing at each line where the other conditions hold. 0 to 1; default 1.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>Fire at every matching line instead of once.</summary>
    public bool Repeat { get; init; }

    public static FaultTrigger AfterToken(int tokens) => new() { AfterTokens = tokens };

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (AfterTokens is < 0)
        {
            throw new ArgumentException($"after_tokens must be 0 or more, not {AfterTokens}.", nameof(AfterTokens));
        }

        if (AtMs is { } at && !(at >= 0 && double.IsFinite(at)))
        {
            throw new ArgumentException($"at_ms must be 0 or more, not {at}.", nameof(AtMs));
        }

        if (!(Probability is >= 0 and <= 1))
        {
            throw new ArgumentException($"probability must be between 0 and 1, not {Probability}.", nameof(Probability));
        }
    }

    /// <summary>Decides for one line; draws from <paramref name="random"/> only when the other conditions hold.</summary>
    internal bool Matches(FaultContext context, OutgoingLine line, Random random)
    {
        if (AfterTokens is { } tokens && line.TokensBefore < tokens)
        {
            return false;
        }

        if (AtMs is { } at && context.Elapsed.TotalMilliseconds < at * context.TimeScale)
        {
            return false;
        }

        return Probability >= 1 || random.NextDouble() < Probability;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (AfterTokens is { } tokens)
        {
            parts.Add($"after {tokens} tokens");
        }

        if (AtMs is { } at)
        {
            parts.Add($"at {at} ms");
        }

        if (Probability < 1)
        {
            parts.Add($"with probability {Probability}");
        }

        parts.Add(Repeat ? "at every line" : "once");
        return string.Join(", ", parts);
    }
}
