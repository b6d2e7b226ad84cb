using System.Text.Json.Serialization;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// A case's <c>timeline</c> in <c>verify.json</c>, drawn in the reports: for each joined token, when the fake sent it and
/// when it reached the client, in milliseconds since the fake received the request.
/// </summary>
internal sealed record CaseTimeline(
    [property: JsonPropertyName("sent_ms")] IReadOnlyList<double> SentMs,
    [property: JsonPropertyName("arrived_ms")] IReadOnlyList<double> ArrivedMs)
{
    public static CaseTimeline From(AddedDelay join, long originNs) => new(
        [.. join.Timeline.Select(t => Ms(t.SentNs - originNs))],
        [.. join.Timeline.Select(t => Ms(t.ArrivedNs - originNs))]);

    private static double Ms(long nanoseconds) => Math.Round(nanoseconds / 1e6, 3);
}
