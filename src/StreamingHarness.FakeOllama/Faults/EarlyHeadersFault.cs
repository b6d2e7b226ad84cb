using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>early-headers</c>: the status line and headers go out at once, before the model loads, and the first token comes
/// <see cref="Delay"/> later, as proxies and old servers do. A client's time-to-headers timeout no longer protects
/// it: only a first-token (or idle) timeout does.
/// </summary>
public sealed class EarlyHeadersFault(TimeSpan delay) : StreamFault
{
    public override string Name => FaultCatalog.EarlyHeaders;

    public TimeSpan Delay { get; } = delay;

    public override async ValueTask OnLoadAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.SendHeadersAsync().ConfigureAwait(false);
        context.Record(this, $"sent the headers at once, first token {Delay.TotalMilliseconds} ms later");
        await context.DelayAsync(Delay).ConfigureAwait(false);
    }
}
