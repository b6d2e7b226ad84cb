using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>Ollama's only error shape, as an HTTP body or as an in-band ndjson line.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);
