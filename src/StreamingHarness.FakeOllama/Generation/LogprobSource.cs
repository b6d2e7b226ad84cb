using System.Text;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Log probabilities for the tokens of one answer, drawn from their own seeded generator (so asking for them does not
/// change the text): the chosen token's, and with <c>top_logprobs</c> the n most likely tokens in descending order,
/// the chosen one first unless the scenario's <c>logprob_off_top</c> draw puts another token above it. Only requests
/// that ask for logprobs pay for the objects.
/// </summary>
internal sealed class LogprobSource(Random random, int top, double offTopShare)
{
    private static readonly string[] Alternatives =
        ["the", "a", "and", "of", "to", "is", "it", "that", "this", "in", "for", "on", "with", "as", "was", ".", ",", "!"];

    /// <summary>Null when the request did not ask (<c>logprobs</c> false or absent; Ollama ignores <c>top_logprobs</c> then).</summary>
    public static LogprobSource? For(bool? logprobs, int? topLogprobs, Scenarios.Scenario scenario, int seed) => logprobs == true
        ? new LogprobSource(new Random(unchecked(seed + 2)), Math.Clamp(topLogprobs ?? 0, 0, 20), scenario.LogprobOffTop)
        : null;

    public Logprob Next(string token)
    {
        var best = -Math.Round(0.0005 + (random.NextDouble() * 0.6), 6);
        if (top == 0)
        {
            return new Logprob { Token = token, Logprob = best, Bytes = BytesOf(token) };
        }

        var offTop = top >= 2 && offTopShare > 0 && random.NextDouble() < offTopShare;
        var alternatives = new List<TokenLogprob>(top);
        var logprob = best;
        var chosen = best;
        for (var rank = 0; rank < top; rank++)
        {
            var isChosen = offTop ? rank == 1 : rank == 0;
            var text = isChosen ? token : Alternative(token, rank);
            alternatives.Add(new TokenLogprob { Token = text, Logprob = logprob, Bytes = BytesOf(text) });
            chosen = isChosen ? logprob : chosen;
            logprob = Math.Round(logprob - 0.25 - (random.NextDouble() * 2), 6);
        }

        return new Logprob { Token = token, Logprob = chosen, Bytes = BytesOf(token), TopLogprobs = alternatives };
    }

    /// <summary>Another token for a rank, keeping the chosen token's leading space, never equal to it.</summary>
    private string Alternative(string token, int rank)
    {
        var space = token.StartsWith(' ') ? " " : "";
        var word = space + Alternatives[(random.Next(Alternatives.Length) + rank) % Alternatives.Length];
        return word == token ? space + "~" + rank : word;
    }

    /// <summary>The token's UTF-8 bytes as ints; null for "" (Go's stringToByteInts, which omitempty then drops).</summary>
    private static int[]? BytesOf(string token) =>
        token.Length == 0 ? null : [.. Encoding.UTF8.GetBytes(token).Select(b => (int)b)];
}
