using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// The rules of <see cref="VerdictRule"/>, decided from what the client saw and the upstream's text. Returns null
/// for a pass, or why the case failed.
/// </summary>
internal static class VerdictJudge
{
    public static string? Judge(VerdictRule rule, Observation seen, string? expected) => rule switch
    {
        VerdictRule.Whole => Whole(seen, expected),
        VerdictRule.CutShort => seen.Outcome.IsOk
            ? $"silent truncation: a clean end after {seen.Tokens} tokens although the upstream cut the stream short"
            : Failure(seen, expected),
        VerdictRule.Stall => seen.Outcome.Kind == OutcomeKind.Timeout
            ? "no error within the stall bound: the service waits on a silent upstream"
            : seen.Outcome.IsOk ? "a clean end although the upstream never finished" : Failure(seen, expected),
        VerdictRule.BadLine => seen.Outcome.IsOk
            ? (seen.Text == expected || OneTokenAltered(expected ?? "", seen.Text) ? null : TextProblem(seen.Text, expected))
            : Failure(seen, expected),
        VerdictRule.ErrorOrWhole => seen.Outcome.IsOk ? Whole(seen, expected) : Failure(seen, expected),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "judged by the runner"),
    };

    /// <summary>
    /// The whole text and a clean end. A server count the load harness would not trust (zero, or far from the content
    /// chunks seen: <see cref="Protocol.Streams.StreamTimeline.CountIsCredible"/>) is a finding too: the service's
    /// clients bill and budget by it.
    /// </summary>
    public static string? Whole(Observation seen, string? expected)
    {
        if (!seen.Outcome.IsOk)
        {
            return "expected the whole text, got " + seen.Describe();
        }

        if (seen.Text != expected)
        {
            return TextProblem(seen.Text, expected);
        }

        return seen.TokenSource == TokenCountSource.ChunksCountDisagrees
            ? $"the service's own count says {seen.ReportedTokens} tokens, far from the {seen.Tokens} content chunks the client saw"
            : null;
    }

    private static string? Failure(Observation seen, string? expected)
    {
        if (seen.Outcome.Kind == OutcomeKind.Timeout)
        {
            return "no explicit failure: " + seen.Describe();
        }

        if (!seen.IsExplicitFailure)
        {
            return "expected an explicit failure, got " + seen.Describe();
        }

        return expected is null || expected.StartsWith(seen.Text, StringComparison.Ordinal) ? null : TextProblem(seen.Text, expected);
    }

    /// <summary>Where the text seen leaves the upstream's: a token duplicated, invented, lost or out of order.</summary>
    private static string TextProblem(string seen, string? expected)
    {
        if (expected is null)
        {
            return "the fake did not say what it answers (GET /__fake/scenarios has no response for this scenario)";
        }

        var at = CommonPrefix(seen, expected);
        return at == seen.Length
            ? $"text lost: the client saw {seen.Length} of {expected.Length} characters, ending at \"{Around(expected, at)}\""
            : $"text differs from the upstream's at character {at}: saw \"{Around(seen, at)}\", upstream \"{Around(expected, at)}\"";
    }

    /// <summary>
    /// The whole text but for one token skipped or replaced: what is around the difference is intact (the text after
    /// it too: losing the end is truncation, not a skip), and the upstream's part that differs holds no word break
    /// (one token of the fake's is a word and its leading space).
    /// </summary>
    private static bool OneTokenAltered(string expected, string seen)
    {
        var prefix = CommonPrefix(seen, expected);
        var suffix = 0;
        while (suffix < expected.Length - prefix && suffix < seen.Length - prefix && expected[^(suffix + 1)] == seen[^(suffix + 1)])
        {
            suffix++;
        }

        var missing = expected[prefix..^suffix];
        return suffix > 0 && missing.Trim().IndexOf(' ', StringComparison.Ordinal) < 0;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private static string Around(string text, int at)
    {
        var start = Math.Max(0, at - 12);
        return text[start..Math.Min(text.Length, at + 12)];
    }
}
