namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>cold-start</c>: the first request of the scenario, and the first after <see cref="Idle"/> without requests, waits
/// <see cref="LoadDelay"/> for the model to load. The wait happens in the load phase, so it shows in
/// <c>load_duration</c> and as time-to-headers, as Ollama's does after <c>keep_alive</c> unloaded the model.
/// </summary>
public sealed class ColdStartFault(TimeSpan loadDelay, TimeSpan idle) : StreamFault
{
    public override string Name => "cold-start";

    public TimeSpan LoadDelay { get; } = loadDelay;

    public TimeSpan Idle { get; } = idle;

    public override async ValueTask OnLoadAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Shared.TouchModel(context.Scenario.Name, Idle * context.TimeScale))
        {
            return;
        }

        context.Record(this, $"cold model: loading for {LoadDelay.TotalMilliseconds} ms");
        await context.DelayAsync(LoadDelay).ConfigureAwait(false);
    }
}
