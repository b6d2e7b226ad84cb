using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>huge-line</c>: the token line at the trigger carries a text of <see cref="SizeBytes"/> bytes (default 10 MiB, over
/// the Go client's 8 MB line limit: ollama#16243, "bufio.Scanner: token too long"). It is written in 64 KiB pieces from
/// one shared block, so the fake's memory stays flat however big the line.
/// </summary>
public sealed class HugeLineFault(int sizeBytes, FaultTrigger trigger) : LineFault(trigger)
{
    private const int BlockSize = 64 * 1024;
    private static readonly byte[] Block = Enumerable.Repeat((byte)'a', BlockSize).ToArray();

    public override string Name => FaultCatalog.HugeLine;

    public int SizeBytes { get; } = sizeBytes >= 1 ? sizeBytes
        : throw new ArgumentOutOfRangeException(nameof(sizeBytes), "size_bytes must be 1 or more.");

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.IsToken;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        if (FramedLine.Parse(context.Framing, line.Bytes) is not { } root || FramedLine.TextOf(root) is null)
        {
            return FaultAction.Continue;
        }

        // The line around a slot for the text: what precedes it, the filler in blocks, then what follows.
        var (framed, at, slot) = FramedLine.FrameWithTextSlot(context.Framing, root, keepText: false, line.Bytes);
        context.Record(this, $"token {line.TokensBefore} replaced by a line of {framed.Length - slot + SizeBytes} bytes");

        if (!await context.WriteRawAsync(framed.AsMemory(0, at), flush: false).ConfigureAwait(false))
        {
            return FaultAction.Stop;
        }

        for (var left = SizeBytes; left > 0; left -= BlockSize)
        {
            if (!await context.WriteRawAsync(Block.AsMemory(0, Math.Min(left, BlockSize))).ConfigureAwait(false))
            {
                return FaultAction.Stop;
            }
        }

        return await context.WriteRawAsync(framed.AsMemory(at + slot)).ConfigureAwait(false)
            ? FaultAction.Replaced
            : FaultAction.Stop;
    }
}
