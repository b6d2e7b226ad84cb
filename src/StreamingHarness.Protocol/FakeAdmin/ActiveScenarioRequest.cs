using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>Body of <c>PUT /__fake/active-scenario</c>.</summary>
public sealed record ActiveScenarioRequest([property: JsonPropertyName("name")] string? Name);
