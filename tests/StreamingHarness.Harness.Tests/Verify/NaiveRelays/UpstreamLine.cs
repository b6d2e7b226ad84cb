namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// One upstream line as the relay framed it: its bytes, its text when it parsed as a chunk (null if it did not),
/// and whether it is the <c>done:true</c> line.
/// </summary>
internal readonly record struct UpstreamLine(ReadOnlyMemory<byte> Raw, string? Content, bool IsDone);
