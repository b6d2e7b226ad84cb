using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>torn-line</c>: the line at the trigger is cut after <see cref="CutAt"/> of its bytes (inside its JSON), that part
/// is flushed, then the connection closes (FIN with no chunked terminator, or a reset). The Go client turns the
/// fragment into an error whose text is the fragment; the JS client drops it with a warning.
/// </summary>
public sealed class TornLineFault(double cutAt, bool reset, FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.TornLine;

    /// <summary>Fraction of the line kept, between 0 and 1 exclusive.</summary>
    public double CutAt { get; } = cutAt is > 0 and < 1 ? cutAt
        : throw new ArgumentOutOfRangeException(nameof(cutAt), "cut_at must be between 0 and 1, exclusive.");

    public bool Reset { get; } = reset;

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.Kind != LineKind.DoneMarker;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        var kept = Math.Clamp((int)(line.Bytes.Length * CutAt), 1, line.Bytes.Length - 2);
        context.Record(
            this,
            $"wrote {kept} of the {line.Bytes.Length} bytes of the line at token {line.TokensBefore}, then {(Reset ? "reset" : "closed")}");
        if (!await context.WriteRawAsync(line.Bytes[..kept]).ConfigureAwait(false))
        {
            return FaultAction.Stop;
        }

        var detail = $"torn line at token {line.TokensBefore}";
        if (Reset)
        {
            await context.ResetAsync(detail).ConfigureAwait(false);
        }
        else
        {
            await context.CloseWithoutTerminatorAsync(detail).ConfigureAwait(false);
        }

        return FaultAction.Stop;
    }
}
