using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>stall</c>: after the trigger, no byte for <see cref="Duration"/> while the socket stays open (the hangs of
/// ollama#1458, #3552, #10119), then <see cref="Then"/>: resume, die (reset or close), or hang until the client leaves.
/// Only an inter-chunk idle timeout on the client protects against it.
/// </summary>
public sealed class StallFault(TimeSpan duration, StallOutcome then, FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.Stall;

    public TimeSpan Duration { get; } = duration;

    public StallOutcome Then { get; } = then;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        if (Then == StallOutcome.Hang)
        {
            context.Record(this, $"stalled at token {line.TokensBefore} until the client leaves");
            await context.DelayAsync(Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            return FaultAction.Stop;
        }

        context.Record(
            this, $"stalled {Duration.TotalMilliseconds} ms at token {line.TokensBefore}, then {Then.ToString().ToLowerInvariant()}");
        await context.DelayAsync(Duration).ConfigureAwait(false);
        switch (Then)
        {
            case StallOutcome.Reset:
                await context.ResetAsync($"stall then reset at token {line.TokensBefore}").ConfigureAwait(false);
                return FaultAction.Stop;
            case StallOutcome.Close:
                await context.CloseWithoutTerminatorAsync($"stall then close at token {line.TokensBefore}").ConfigureAwait(false);
                return FaultAction.Stop;
            default:
                return FaultAction.Continue;
        }
    }
}
