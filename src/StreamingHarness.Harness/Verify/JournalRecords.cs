using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Verify;

/// <summary>What verify reads off a fake's journal entry beyond its fields.</summary>
internal static class JournalRecords
{
    /// <summary>The lines it wrote, on the host's monotonic clock, for <see cref="StreamJoin"/>.</summary>
    public static UpstreamLines Lines(this JournalRecord entry) => UpstreamLines.Of(entry);

    /// <summary>When the fake stopped answering on the host's monotonic clock (ns), or null when it has no such start.</summary>
    public static long? EndedAtNs(this JournalRecord entry) =>
        entry.StartMonotonicNs > 0 ? entry.StartMonotonicNs + (long)(entry.DurationMs * 1e6) : null;
}
