using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>slow-first-token</c>: a long wait before the status line and the first chunk, as a cold model load plus a long
/// prompt evaluation produce. Clients see it as time-to-headers (where .NET's HttpClient.Timeout bites), not as a gap
/// between chunks. It runs in the load phase, so the final chunk's <c>load_duration</c> accounts for it and
/// <c>eval_duration</c> stays the generation's own.
/// </summary>
public sealed class SlowFirstTokenFault(TimeSpan delay, double probability = 1) : StreamFault
{
    public override string Name => FaultCatalog.SlowFirstToken;

    public TimeSpan Delay { get; } = delay >= TimeSpan.Zero ? delay
        : throw new ArgumentOutOfRangeException(nameof(delay), "delay_ms must be 0 or more.");

    public double Probability { get; } = probability is >= 0 and <= 1 ? probability
        : throw new ArgumentOutOfRangeException(nameof(probability), "probability must be between 0 and 1.");

    public override async ValueTask OnLoadAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Probability < 1 && context.RandomFor(this).NextDouble() >= Probability)
        {
            return;
        }

        context.Record(this, $"held the headers {Delay.TotalMilliseconds} ms");
        await context.DelayAsync(Delay).ConfigureAwait(false);
    }
}
