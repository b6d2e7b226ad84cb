using System.Text.Json.Serialization;

namespace StreamingHarness.Harness.Verify;

/// <summary><c>verify.json</c>: the profile, the service, one result per case, and the counts.</summary>
internal sealed record VerifyReport(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("results")] IReadOnlyList<CaseResult> Results)
{
    [JsonPropertyName("passed")]
    public int Passed => Results.Count(r => r.Passed);

    [JsonPropertyName("failed")]
    public int Failed => Results.Count - Passed;

    [JsonIgnore]
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(VerifyReport))]
internal sealed partial class VerifyJsonContext : JsonSerializerContext;
