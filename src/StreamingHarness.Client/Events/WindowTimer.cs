namespace StreamingHarness.Client.Events;

/// <summary>
/// The coalescing window's clock: one <see cref="ITimer"/> per stream on the client's <see cref="TimeProvider"/>,
/// re-armed for each window (no Task.Delay, no CancellationTokenSource per read).
/// </summary>
internal sealed class WindowTimer : IDisposable
{
    private readonly ITimer _timer;
    private TaskCompletionSource? _window;

    public WindowTimer(TimeProvider time) =>
        _timer = time.CreateTimer(static state => ((WindowTimer)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>True when <paramref name="read"/> finished first; false when the window closed first.</summary>
    public async Task<bool> ReadFirstAsync(Task read, TimeSpan window)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _window, closed);
        _timer.Change(window, Timeout.InfiniteTimeSpan);
        var first = await Task.WhenAny(read, closed.Task).ConfigureAwait(false);
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return first == read;
    }

    public void Dispose() => _timer.Dispose();

    private void Fire() => Volatile.Read(ref _window)?.TrySetResult();
}
