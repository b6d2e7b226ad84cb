using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>
/// One scenario as <c>GET /__fake/scenarios</c> lists it; <c>response</c> is its fixed answer when it has one, so a
/// black-box check (<c>verify</c>) knows the text a service should pass on.
/// </summary>
public sealed record ScenarioSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("response")] string? Response,
    [property: JsonPropertyName("models")] IReadOnlyList<string> Models,
    [property: JsonPropertyName("faults")] IReadOnlyList<string> Faults,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("timing")] string? Timing = null);
