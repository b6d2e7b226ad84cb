using System.Text.Json;
using System.Text.Json.Serialization;
using StreamingHarness.Protocol.Json;
using StreamingHarness.FakeOllama.Journal;

namespace StreamingHarness.FakeOllama.Endpoints.Admin;

/// <summary>The fake's own admin shapes (not Ollama wire types, so they live here rather than in Protocol).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReleaseResponse))]
[JsonSerializable(typeof(IReadOnlyList<JournalEntry>))]
internal sealed partial class AdminJsonContext : JsonSerializerContext
{
    /// <summary>Writes text as Go would (request bodies stay readable instead of \u0022-escaped).</summary>
    public static AdminJsonContext Readable { get; } = new(new JsonSerializerOptions { Encoder = GoJsonEncoder.Instance });
}
