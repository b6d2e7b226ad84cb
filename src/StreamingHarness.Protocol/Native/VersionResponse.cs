using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

public sealed record VersionResponse([property: JsonPropertyName("version")] string Version);
