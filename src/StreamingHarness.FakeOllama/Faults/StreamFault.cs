using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>Convenience base: every hook does nothing, override the ones a fault needs.</summary>
public abstract class StreamFault : IStreamFault
{
    public abstract string Name { get; }

    public virtual ValueTask OnLoadAsync(FaultContext context) => ValueTask.CompletedTask;

    public virtual ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context) => ValueTask.FromResult(FaultAction.Continue);

    public virtual ValueTask<FaultAction> BeforeLineAsync(FaultContext context, OutgoingLine line) =>
        ValueTask.FromResult(FaultAction.Continue);

    public virtual ValueTask AtEndAsync(FaultContext context) => ValueTask.CompletedTask;
}
