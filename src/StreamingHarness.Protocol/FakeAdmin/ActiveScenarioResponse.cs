using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>The scenario answering every request that names none by header; null when selection is by model.</summary>
public sealed record ActiveScenarioResponse([property: JsonPropertyName("active")] string? Active);
