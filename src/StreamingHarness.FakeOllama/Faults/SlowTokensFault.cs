using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>slow-tokens</c>: an extra delay before each token line from the trigger on, moved by a seeded jitter in
/// [-jitter, +jitter], so the same seed gives the same timing script. The first token is not delayed (that is
/// <see cref="SlowFirstTokenFault"/>'s job).
/// </summary>
public sealed class SlowTokensFault(TimeSpan delay, TimeSpan jitter, FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.SlowTokens;

    public TimeSpan Delay { get; } = delay;

    public TimeSpan Jitter { get; } = jitter;

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.IsToken && line.TokensBefore > 0;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        var delay = Delay;
        if (Jitter > TimeSpan.Zero)
        {
            delay += Jitter * ((context.RandomFor(this).NextDouble() * 2) - 1);
        }

        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        context.Record(this, $"delayed token {line.TokensBefore} by {delay.TotalMilliseconds:0.###} ms");
        await context.DelayAsync(delay).ConfigureAwait(false);
        return FaultAction.Continue;
    }
}
