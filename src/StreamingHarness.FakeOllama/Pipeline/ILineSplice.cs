namespace StreamingHarness.FakeOllama.Pipeline;

/// <summary>
/// Bytes a line carries in one place, produced in pieces so a very long line (generate's <c>context</c>, one id per
/// prompt token) never exists whole in memory: see <see cref="ResponseStream.WriteSplicedAsync"/>.
/// </summary>
internal interface ILineSplice
{
    /// <summary>Writes the next piece into <paramref name="destination"/>; 0 once everything is written.</summary>
    int Fill(Span<byte> destination);
}
