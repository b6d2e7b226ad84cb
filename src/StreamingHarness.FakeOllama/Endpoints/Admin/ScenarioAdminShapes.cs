using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.Admin;

/// <summary>
/// One scenario as <c>GET /__fake/scenarios</c> lists it; <c>response</c> is its fixed answer when it has one, so a
/// black-box check (<c>verify</c>) knows the text a service should pass on.
/// </summary>
internal sealed record ScenarioSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("response")] string? Response,
    [property: JsonPropertyName("models")] IReadOnlyList<string> Models,
    [property: JsonPropertyName("faults")] IReadOnlyList<string> Faults,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("timing")] string Timing);

/// <summary>Body of <c>PUT /__fake/active-scenario</c>.</summary>
internal sealed record ActiveScenarioRequest([property: JsonPropertyName("name")] string? Name);

/// <summary>The scenario answering every request that names none by header; null when selection is by model.</summary>
internal sealed record ActiveScenarioResponse([property: JsonPropertyName("active")] string? Active);

/// <summary>Answer of <c>POST /__fake/reset</c>.</summary>
internal sealed record ResetResponse(
    [property: JsonPropertyName("journal_entries_cleared")] int JournalEntriesCleared,
    [property: JsonPropertyName("sequence_counters_cleared")] int SequenceCountersCleared);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ScenarioSummary))]
[JsonSerializable(typeof(IReadOnlyList<ScenarioSummary>))]
[JsonSerializable(typeof(ActiveScenarioRequest))]
[JsonSerializable(typeof(ActiveScenarioResponse))]
[JsonSerializable(typeof(ResetResponse))]
internal sealed partial class ScenarioAdminJsonContext : JsonSerializerContext;
