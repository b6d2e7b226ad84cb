using System.Text.Json.Serialization;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// One line of <c>verify.json</c>'s <c>results</c>: the case, its verdict, the rule, and what was seen, with what the
/// service added to the stream's timing when the join could be made (null otherwise).
/// </summary>
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

    /// <summary>The client's first token minus the fake's, in milliseconds.</summary>
    [JsonPropertyName("added_ttft_ms")]
    public double? AddedTtftMs { get; init; }

    [JsonPropertyName("added_delay_ms")]
    public DelayFigures? AddedDelayMs { get; init; }

    /// <summary>How many bursts the tokens reached the client in (arrivals under 1 ms apart are one).</summary>
    [JsonPropertyName("bursts")]
    public int? Bursts { get; init; }

    /// <summary><c>client-disconnect</c>: from the client closing to the upstream request ending, in milliseconds.</summary>
    [JsonPropertyName("cancel_latency_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CancelLatencyMs { get; init; }

    /// <summary><c>slow-reader</c>: the bytes the fake had written when the client's pause ended (the client had read 3 tokens).</summary>
    [JsonPropertyName("upstream_bytes_during_pause")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? UpstreamBytesDuringPause { get; init; }

    [JsonPropertyName("timeline")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CaseTimeline? Timeline { get; init; }

    [JsonIgnore]
    public bool Passed => Verdict == Pass;

    /// <summary>This result with the join's figures and timeline (unchanged when there is no join).</summary>
    public CaseResult WithShape(AddedDelay? join, long originNs) => join is null || join.Joined == 0
        ? this
        : this with
        {
            AddedTtftMs = join.AddedTtftMs,
            AddedDelayMs = new DelayFigures(join.P50Ms, join.P99Ms, join.MaxMs),
            Bursts = join.Bursts,
            Timeline = CaseTimeline.From(join, originNs),
        };
}
