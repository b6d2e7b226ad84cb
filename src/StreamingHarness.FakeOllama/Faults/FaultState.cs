using System.Collections.Concurrent;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// What faults remember between requests: attempt counters of sequences (per scenario and session key) and when each
/// scenario's model was last used (cold starts). Cleared by <c>POST /__fake/reset</c>.
/// </summary>
public sealed class FaultState(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastUse = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts one more attempt for the key and returns its number, 1 for the first.</summary>
    public int NextAttempt(string scenario, string sessionKey) =>
        _attempts.AddOrUpdate($"{scenario}\n{sessionKey}", 1, static (_, n) => n + 1);

    /// <summary>Attempts counted so far, by scenario and session key.</summary>
    public IReadOnlyDictionary<string, int> Attempts => _attempts.ToDictionary(kv => kv.Key.Replace('\n', '/'), kv => kv.Value);

    /// <summary>Records a use of the model; true when it was cold (never used, or idle longer than <paramref name="idle"/>).</summary>
    public bool TouchModel(string model, TimeSpan idle)
    {
        var now = time.GetTimestamp();
        var cold = true;
        _lastUse.AddOrUpdate(
            model,
            now,
            (_, last) =>
            {
                cold = time.GetElapsedTime(last, now) > idle;
                return now;
            });
        return cold;
    }

    public void Reset()
    {
        _attempts.Clear();
        _lastUse.Clear();
    }
}
