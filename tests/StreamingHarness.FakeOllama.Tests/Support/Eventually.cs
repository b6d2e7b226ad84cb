namespace StreamingHarness.FakeOllama.Tests.Support;

/// <summary>Waits for a condition with a deadline (never a bare sleep as synchronisation).</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
