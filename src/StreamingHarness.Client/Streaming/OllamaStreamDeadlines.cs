namespace StreamingHarness.Client.Streaming;

/// <summary>
/// The clocks of one stream, folded into one cancellation token for every call on it: the caller's token, the total
/// deadline, and a phase timer that is the first-token timeout until a token arrives and the idle timeout after.
/// Three timers per stream on the given <see cref="TimeProvider"/>, re-armed (never re-created) per line, so reads
/// allocate nothing and tests can drive the clocks. When the token fires, <see cref="Classify"/> says which one it was.
/// </summary>
public sealed class OllamaStreamDeadlines : IDisposable
{
    private readonly TimeSpan _firstTokenTimeout;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _totalTimeout;
    private readonly TimeProvider _time;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _phase;
    private readonly CancellationTokenSource _linked;
    private readonly long _started;

    public OllamaStreamDeadlines(
        TimeSpan firstTokenTimeout, TimeSpan idleTimeout, TimeSpan totalTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        _firstTokenTimeout = firstTokenTimeout;
        _idleTimeout = idleTimeout;
        _totalTimeout = totalTimeout;
        _time = time;
        _caller = cancellationToken;
        _started = time.GetTimestamp();
        _total = new CancellationTokenSource(totalTimeout, time);
        _phase = new CancellationTokenSource(firstTokenTimeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _total.Token, _phase.Token);
    }

    public OllamaStreamDeadlines(OllamaStreamingOptions options, TimeProvider time, CancellationToken cancellationToken)
        : this(options.FirstTokenTimeout, options.IdleTimeout, options.TotalTimeout, time, cancellationToken)
    {
    }

    /// <summary>Cancelled when the caller cancels or any deadline passes.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when the caller's own token was cancelled (then there is nobody to report a failure to).</summary>
    public bool CallerCancelled => _caller.IsCancellationRequested;

    public bool TokensFlowing { get; private set; }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>What is left of the total deadline.</summary>
    public TimeSpan Remaining => _totalTimeout - Elapsed;

    /// <summary>A new attempt gets the whole first-token timeout again.</summary>
    public void StartAttempt() => _phase.CancelAfter(_firstTokenTimeout);

    /// <summary>Called for every line once tokens flow: the idle clock restarts.</summary>
    public void LineReceived()
    {
        if (TokensFlowing)
        {
            _phase.CancelAfter(_idleTimeout);
        }
    }

    public void FirstTokenReceived()
    {
        TokensFlowing = true;
        _phase.CancelAfter(_idleTimeout);
    }

    /// <summary>Which clock fired, as the failure to report; null when none did or when the caller cancelled.</summary>
    public OllamaStreamException? Classify(long tokensReceived = 0)
    {
        if (_caller.IsCancellationRequested)
        {
            return null;
        }

        if (_total.IsCancellationRequested)
        {
            return OllamaFailures.TotalTimeout(_totalTimeout, tokensReceived);
        }

        if (_phase.IsCancellationRequested)
        {
            return TokensFlowing ? OllamaFailures.IdleTimeout(_idleTimeout, tokensReceived)
                : OllamaFailures.FirstTokenTimeout(_firstTokenTimeout);
        }

        return null;
    }

    /// <summary>The failure to report when a call on the stream was cancelled and the caller did not cancel it.</summary>
    public OllamaStreamException CancelledFailure(long tokensReceived, Exception? cause = null) =>
        Classify(tokensReceived) ?? OllamaFailures.Disconnected("the upstream read was cancelled", tokensReceived, cause);

    public void Dispose()
    {
        _linked.Dispose();
        _phase.Dispose();
        _total.Dispose();
    }
}
