using System.Text.Json;
using System.Text.Json.Serialization;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>
/// Source-generated JSON for the fake's admin API, written by the fake and read by its clients with the same type info.
/// Use <see cref="Readable"/>: it escapes text as Go would, so request bodies in the journal stay readable instead of
/// <c>\u0022</c>-escaped.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JournalRecord))]
[JsonSerializable(typeof(IReadOnlyList<JournalRecord>))]
[JsonSerializable(typeof(ReleaseResponse))]
[JsonSerializable(typeof(ScenarioSummary))]
[JsonSerializable(typeof(IReadOnlyList<ScenarioSummary>))]
[JsonSerializable(typeof(ActiveScenarioRequest))]
[JsonSerializable(typeof(ActiveScenarioResponse))]
[JsonSerializable(typeof(ResetResponse))]
public sealed partial class FakeAdminJsonContext : JsonSerializerContext
{
    public static FakeAdminJsonContext Readable { get; } =
        new(new JsonSerializerOptions { Encoder = GoJsonEncoder.Instance, PropertyNameCaseInsensitive = true });
}
