using System.Diagnostics;

namespace StreamingHarness.Testing;

/// <summary>
/// Waits for a condition another party makes true (a journal entry, a metric, a pending timer) up to a deadline, and
/// throws there with the last value it saw: never a bare sleep as synchronisation, never a silent give-up.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for anything a test waits on; only ever reached when something is wrong.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    // No CancellationToken: the deadline bounds every wait, and a test's own token would only end it sooner.

    /// <summary>Reads until <paramref name="condition"/> holds and returns that value.</summary>
    /// <exception cref="TimeoutException">At the deadline, naming <paramref name="what"/> and the last value read.</exception>
    public static async Task<T> WaitAsync<T>(
        Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting until {what}; last observed: {Describe(value)}");
            }

            // Polling interval, not synchronisation: the condition decides, the deadline bounds.
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Reads synchronously until <paramref name="condition"/> holds and returns that value.</summary>
    public static Task<T> WaitAsync<T>(
        Func<T> read, Func<T, bool> condition, string what, TimeSpan? deadline = null) =>
        WaitAsync(() => Task.FromResult(read()), condition, what, deadline);

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task WaitUntilAsync(
        Func<bool> condition, string what, TimeSpan? deadline = null) =>
        WaitAsync(condition, static ok => ok, what, deadline);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>())}]",
        _ => value.ToString() ?? "",
    };
}
