using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>Answer of <c>POST /__fake/release</c>: how many paused streams were let go.</summary>
public sealed record ReleaseResponse([property: JsonPropertyName("released")] int Released);
