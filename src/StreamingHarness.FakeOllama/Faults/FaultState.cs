using System.Collections.Concurrent;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// What faults remember between requests: attempt counters of sequences (per scenario and session key) and when each
/// scenario's model was last used (cold starts). Cleared by <c>POST /__fake/reset</c>.
/// </summary>
public sealed class FaultState(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelUse> _models = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts one more attempt for the key and returns its number, 1 for the first.</summary>
    public int NextAttempt(string scenario, string sessionKey) =>
        _attempts.AddOrUpdate($"{scenario}\n{sessionKey}", 1, static (_, n) => n + 1);

    /// <summary>Attempts counted so far, by scenario and session key.</summary>
    public IReadOnlyDictionary<string, int> Attempts => _attempts.ToDictionary(kv => kv.Key.Replace('\n', '/'), kv => kv.Value);

    /// <summary>
    /// Records a use of the model at the start of its load phase. <paramref name="load"/> is set when this request must
    /// load it (never used, or idle longer than <paramref name="idle"/>): complete it once loaded. Otherwise
    /// <paramref name="loading"/> is the load in progress to wait for, or null when the model is warm.
    /// </summary>
    public void UseModel(string model, TimeSpan idle, out TaskCompletionSource? load, out Task? loading)
    {
        lock (_models)
        {
            var now = time.GetTimestamp();
            _models.TryGetValue(model, out var use);
            load = null;
            loading = use?.Loading is { IsCompleted: false } inProgress ? inProgress : null;
            if (loading is null && (use is null || time.GetElapsedTime(use.LastUse, now) > idle))
            {
                load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _models[model] = new ModelUse(now, load?.Task ?? use?.Loading);
        }
    }

    public void Reset()
    {
        _attempts.Clear();
        lock (_models)
        {
            _models.Clear();
        }
    }

    private sealed record ModelUse(long LastUse, Task? Loading);
}
