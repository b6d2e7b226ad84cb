using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.Admin;

/// <summary>Answer of <c>POST /__fake/release</c>: how many paused streams were let go.</summary>
internal sealed record ReleaseResponse([property: JsonPropertyName("released")] int Released);
