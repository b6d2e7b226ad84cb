using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>empty-chunks</c>: before each token line at the trigger, <see cref="Count"/> copies of it whose text is empty
/// (<c>"content":""</c>, <c>"response":""</c>, <c>"delta":{"content":""}</c>). Ollama itself does not send them
/// (its parsers drop empty outputs); a client must not treat one as the end or as a token for TTFT.
/// </summary>
public sealed class EmptyChunksFault(int count, FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.EmptyChunks;

    public int Count { get; } = count >= 1 ? count : throw new ArgumentOutOfRangeException(nameof(count), "count must be 1 or more.");

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.IsToken;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        if (FramedLine.EmptyTextCopy(context.Framing, line.Bytes) is not { } empty)
        {
            return FaultAction.Continue;
        }

        context.Record(this, $"{Count} empty chunk(s) before token {line.TokensBefore}");
        for (var i = 0; i < Count; i++)
        {
            if (!await context.WriteLineAsync(empty).ConfigureAwait(false))
            {
                return FaultAction.Stop;
            }
        }

        return FaultAction.Continue;
    }
}
