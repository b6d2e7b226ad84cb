using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay.Hosting;

/// <summary>
/// Graceful shutdown. On SIGTERM (<see cref="IHostApplicationLifetime.ApplicationStopping"/>) the relay drains:
/// <c>/readyz</c> answers 503 and new work is refused at once, while Kestrel still accepts connections, so probes and
/// load balancers see it. The host's stop waits here (<see cref="StoppingAsync"/>, before Kestrel stops) for the streams
/// in flight, which may finish within <see cref="ShutdownOptions.DrainTimeout"/>; then <see cref="Expired"/> fires and
/// each stream still open ends with its protocol's <c>shutting_down</c> error. Only then does Kestrel stop, well inside
/// the host's shutdown timeout, and the process exits 0.
/// </summary>
internal sealed class DrainCoordinator : IHostedLifecycleService, IDisposable
{
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeSpan _drainTimeout;
    private readonly ILogger<DrainCoordinator> _logger;
    private readonly CancellationTokenSource _expired;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _stopping;
    private int _streams;
    private int _draining;

    public DrainCoordinator(
        IHostApplicationLifetime lifetime, IOptions<RelayOptions> options, TimeProvider time, ILogger<DrainCoordinator> logger)
    {
        _lifetime = lifetime;
        _drainTimeout = options.Value.Shutdown.DrainTimeout;
        _logger = logger;
        _expired = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
    }

    /// <summary>Shutdown has begun: no new work, <c>/readyz</c> is 503.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    /// <summary>Cancelled when the drain time is over: every stream still open ends with <c>shutting_down</c>.</summary>
    public CancellationToken Expired => _expired.Token;

    /// <summary>Streams open now, each counted from <see cref="StreamStarted"/> to <see cref="StreamEnded"/>.</summary>
    public int OpenStreams => Volatile.Read(ref _streams);

    public void StreamStarted() => Interlocked.Increment(ref _streams);

    public void StreamEnded()
    {
        if (Interlocked.Decrement(ref _streams) == 0 && IsDraining)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>Starts the drain (once): refuses new work now, ends the streams still open after the drain time.</summary>
    public void BeginDrain()
    {
        if (Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return;
        }

        _logger.LogInformation("Shutting down: {Streams} stream(s) in flight may finish within {DrainTimeout}", OpenStreams, _drainTimeout);
        _expired.CancelAfter(_drainTimeout);
        if (OpenStreams == 0)
        {
            _idle.TrySetResult();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _stopping = _lifetime.ApplicationStopping.Register(static state => ((DrainCoordinator)state!).BeginDrain(), this);
        return Task.CompletedTask;
    }

    /// <summary>Holds the host's stop, and so Kestrel's, until every stream has ended (on its own or at the drain's end).</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDrain();
        try
        {
            await _idle.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown timeout: it stops Kestrel now, and the exit stays clean.
            _logger.LogWarning("Shutdown timeout reached with {Streams} stream(s) still open", OpenStreams);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _stopping.Dispose();
        _expired.Dispose();
    }
}
