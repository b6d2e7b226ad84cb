namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>Waits for a condition that another party makes true (a journal entry, a metric), up to a deadline.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(15);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            // Polling interval, not synchronisation: the condition decides, the deadline bounds.
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
