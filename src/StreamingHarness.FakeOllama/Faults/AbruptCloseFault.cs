using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>abrupt-close</c>: at the trigger the server closes the connection (FIN) between two lines without the chunked
/// terminator <c>0\r\n\r\n</c>. Go reports <c>unexpected EOF</c>, httpx <c>incomplete chunked read</c>, .NET
/// <c>The response ended prematurely</c>; a client that ignores framing errors mistakes it for a clean end.
/// </summary>
public sealed class AbruptCloseFault(FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.AbruptClose;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        context.Record(this, $"closed the connection without the chunked terminator after {line.TokensBefore} tokens");
        await context.CloseWithoutTerminatorAsync($"closed without terminator after {line.TokensBefore} tokens").ConfigureAwait(false);
        return FaultAction.Stop;
    }
}
