using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>Answer of <c>POST /__fake/reset</c>.</summary>
public sealed record ResetResponse(
    [property: JsonPropertyName("journal_entries_cleared")] int JournalEntriesCleared,
    [property: JsonPropertyName("sequence_counters_cleared")] int SequenceCountersCleared);
