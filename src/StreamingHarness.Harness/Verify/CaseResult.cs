using System.Text.Json.Serialization;

namespace StreamingHarness.Harness.Verify;

/// <summary>One line of <c>verify.json</c>'s <c>results</c>: the case, its verdict, the rule, and what was seen.</summary>
internal sealed record CaseResult(
    [property: JsonPropertyName("case")] string Case,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("expected")] string Expected,
    [property: JsonPropertyName("observed")] string Observed,
    [property: JsonPropertyName("tokens_expected")] long TokensExpected,
    [property: JsonPropertyName("tokens_seen")] long TokensSeen,
    [property: JsonPropertyName("duration_ms")] long DurationMs)
{
    public const string Pass = "pass";
    public const string Fail = "fail";

    [JsonIgnore]
    public bool Passed => Verdict == Pass;
}
