using System.Text.Json.Serialization;

namespace StreamingHarness.Harness.Verify;

/// <summary><c>added_delay_ms</c> of a case in <c>verify.json</c>: the tokens' added delay, p50, p99 and max.</summary>
internal sealed record DelayFigures(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("max")] double Max);
