using System.Collections.Concurrent;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Scheduling;

/// <summary>
/// Which models count as "loaded" for <c>/api/ps</c>: every model used by a request stays listed until its
/// keep-alive (5 minutes, Ollama's default) has passed since its last use.
/// </summary>
internal sealed class LoadedModels(TimeProvider time)
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (ModelSpec Model, DateTimeOffset ExpiresAt)> _loaded =
        new(StringComparer.OrdinalIgnoreCase);

    public void Touch(ModelSpec model) => _loaded[model.FullName] = (model, time.GetLocalNow() + KeepAlive);

    /// <summary>Loaded models, the longest time remaining first (Ollama's order).</summary>
    public IReadOnlyList<(ModelSpec Model, DateTimeOffset ExpiresAt)> Current()
    {
        var now = time.GetLocalNow();
        return [.. _loaded.Values.Where(m => m.ExpiresAt > now).OrderByDescending(m => m.ExpiresAt)];
    }
}
