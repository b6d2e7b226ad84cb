using System.Text.Json.Serialization;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Live;

/// <summary><c>event: run</c>: what the run will do, sent first to every page.</summary>
internal sealed record LiveRunPlan(string Suite, IReadOnlyList<string> Thresholds, double PlannedSeconds);

/// <summary><c>event: phase</c>: a phase began.</summary>
internal sealed record LivePhaseStarted(string Phase, string Load, double PlannedSeconds);

/// <summary>
/// <c>event: second</c>, once a second during a phase: the counters of that second (tokens, completions and errors per
/// second), and the phase's TTFT and ITL so far with its thresholds as they stand.
/// </summary>
internal sealed record LiveSecond(
    string Phase, double Seconds, double PlannedSeconds, long Sent, long InFlight, long Succeeded, long Failed, double TokensPerSecond,
    double CompletedPerSecond, double ErrorsPerSecond, Percentiles Ttft, Percentiles Itl, IReadOnlyList<ThresholdResult> Thresholds);

/// <summary>
/// <c>event: phase-ended</c>: the phase's final figures, with "added by the service" when the fake's journal was joined.
/// </summary>
internal sealed record LivePhaseEnded(
    string Phase, long Sent, long Succeeded, long Failed, double TokensPerSecond, Percentiles Ttft, Percentiles Itl,
    AddedByService? Added, IReadOnlyList<ThresholdResult> Thresholds);

/// <summary><c>event: report</c>: the run is over; the report is served at <see cref="Url"/>.</summary>
internal sealed record LiveReport(string Verdict, string Url, string Folder);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LiveRunPlan))]
[JsonSerializable(typeof(LivePhaseStarted))]
[JsonSerializable(typeof(LiveSecond))]
[JsonSerializable(typeof(LivePhaseEnded))]
[JsonSerializable(typeof(LiveReport))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
