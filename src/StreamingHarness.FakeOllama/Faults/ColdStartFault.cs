using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>cold-start</c>: the first request of the scenario, and the first after <see cref="Idle"/> without requests, waits
/// <see cref="LoadDelay"/> for the model to load. The wait happens in the load phase, so it shows in
/// <c>load_duration</c> and as time-to-headers, as Ollama's does after <c>keep_alive</c> unloaded the model. Requests
/// arriving during the load wait for it too.
/// </summary>
public sealed class ColdStartFault(TimeSpan loadDelay, TimeSpan idle) : StreamFault
{
    public override string Name => FaultCatalog.ColdStart;

    public TimeSpan LoadDelay { get; } = loadDelay;

    public TimeSpan Idle { get; } = idle;

    public override async ValueTask OnLoadAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Shared.UseModel(context.Scenario.Name, Idle * context.TimeScale, out var load, out var loading);
        if (load is not null)
        {
            // The load belongs to the server, not to this request: it finishes even if this client leaves, and every
            // request arriving meanwhile waits for it (Ollama loads a model once).
            context.Record(this, $"cold model: loading for {LoadDelay.TotalMilliseconds} ms");
            _ = Task.Delay(LoadDelay * context.TimeScale, context.Time).ContinueWith(
                _ => load.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            loading = load.Task;
        }
        else if (loading is not null)
        {
            context.Record(this, "waited for the model load in progress");
        }

        if (loading is not null)
        {
            await loading.WaitAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
