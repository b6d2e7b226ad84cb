using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>disconnect</c>: at the trigger the connection is reset (TCP RST) after every line before it was delivered, as
/// when the server process dies. Clients see "connection reset by peer" mid-body (.NET: IOException, Go:
/// <c>connection reset</c>, fetch: <c>TypeError: terminated</c>).
/// </summary>
public sealed class DisconnectFault(FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.Disconnect;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        context.Record(this, $"reset the connection after {line.TokensBefore} tokens");
        await context.ResetAsync($"reset after {line.TokensBefore} tokens").ConfigureAwait(false);
        return FaultAction.Stop;
    }
}
