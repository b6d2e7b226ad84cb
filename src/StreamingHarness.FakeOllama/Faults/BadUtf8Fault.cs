using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>bad-utf8</c>: the text of the token line at the trigger gets <see cref="Bytes"/> that are not valid UTF-8
/// (default <c>C3 28 FF</c>: a lead byte with a bad continuation, then a byte UTF-8 never uses), written raw inside the
/// JSON string. A strict decoder throws; a lenient one shows U+FFFD. Either way the stream must go on or fail clearly.
/// </summary>
public sealed class BadUtf8Fault(byte[] bytes, FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.BadUtf8;

    public IReadOnlyList<byte> Bytes { get; } = bytes.Length > 0 ? bytes
        : throw new ArgumentException("bytes must not be empty.", nameof(bytes));

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.IsToken;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        if (FramedLine.Parse(context.Framing, line.Bytes) is not { } root || FramedLine.TextOf(root) is null)
        {
            return FaultAction.Continue;
        }

        var (framed, at, slot) = FramedLine.FrameWithTextSlot(context.Framing, root, keepText: true, line.Bytes);
        byte[] bad = [.. framed.AsSpan(0, at), .. Bytes, .. framed.AsSpan(at + slot)];
        context.Record(this, $"invalid UTF-8 ({Convert.ToHexString([.. Bytes])}) in the text of token {line.TokensBefore}");
        return await context.WriteRawAsync(bad).ConfigureAwait(false) ? FaultAction.Replaced : FaultAction.Stop;
    }
}
