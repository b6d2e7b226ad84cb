namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// A delay on a <see cref="TimeProvider"/> that honours sub-millisecond waits: <c>Task.Delay</c> completes at once for
/// anything under 1 ms, which would play recorded lines that close together early (and make a manual test clock
/// disagree with the schedule).
/// </summary>
internal static class PreciseDelay
{
    public static Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        if (delay >= TimeSpan.FromMilliseconds(1))
        {
            return Task.Delay(delay, time, cancellationToken);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), done, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), done);
        return done.Task.ContinueWith(
            completed =>
            {
                timer.Dispose();
                registration.Dispose();
                return completed;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }
}
