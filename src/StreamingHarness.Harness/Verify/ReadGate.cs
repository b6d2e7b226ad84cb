namespace StreamingHarness.Harness.Verify;

/// <summary>Stops a client's reads while closed (<c>slow-reader</c>'s pause); reads wait for it to open again.</summary>
internal sealed class ReadGate
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskCompletionSource? _open;

    /// <summary>Completes when the gate closed (the client took its tokens and stopped reading).</summary>
    public Task Closed => _closed.Task;

    public void Close()
    {
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _closed.TrySetResult();
    }

    public void Open() => _open?.TrySetResult();

    public Task WaitOpenAsync(CancellationToken cancellationToken) =>
        _open is { } open ? open.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
}
