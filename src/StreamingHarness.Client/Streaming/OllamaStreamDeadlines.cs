namespace StreamingHarness.Client.Streaming;

/// <summary>
/// The clocks of one stream, folded into one cancellation token for every call on it: the caller's token, the total
/// deadline, and a phase deadline that is the first-token timeout until a token arrives and the idle timeout after.
/// <para>
/// One timer per stream, on the given <see cref="TimeProvider"/> (so tests drive it). A line only stamps the time it
/// arrived: no timer is touched per token. The timer wakes at the earliest deadline that may have passed, checks the
/// stamps, and either cancels or sleeps again until the next one. An idle deadline is never more than one idle
/// timeout ahead of the timer, so a healthy stream costs one timer wake per idle timeout. When the token fires,
/// <see cref="Classify"/> says which clock it was.
/// </para>
/// </summary>
public sealed class OllamaStreamDeadlines : IDisposable
{
    private const int NoneFired = 0;
    private const int TotalFired = 1;
    private const int PhaseFired = 2;

    // ITimer.Change takes at most about 49 days; a later deadline is re-checked at that point.
    private static readonly TimeSpan LongestTimerWait = TimeSpan.FromDays(30);

    private readonly TimeSpan _firstTokenTimeout;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _totalTimeout;
    private readonly TimeProvider _time;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _linked;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly long _started;
    private long _phaseStarted;
    private long _lastLine;
    private volatile bool _tokensFlowing;
    private volatile int _fired;
    private bool _disposed;

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
        _phaseStarted = _started;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = time.CreateTimer(static state => ((OllamaStreamDeadlines)state!).Arm(), this, Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        Arm();
    }

    public OllamaStreamDeadlines(OllamaConnectionOptions options, TimeProvider time, CancellationToken cancellationToken)
        : this(options.FirstTokenTimeout, options.IdleTimeout, options.TotalTimeout, time, cancellationToken)
    {
    }

    /// <summary>Cancelled when the caller cancels or any deadline passes.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when the caller's own token was cancelled (then there is nobody to report a failure to).</summary>
    public bool CallerCancelled => _caller.IsCancellationRequested;

    public bool TokensFlowing => _tokensFlowing;

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>What is left of the total deadline.</summary>
    public TimeSpan Remaining => _totalTimeout - Elapsed;

    /// <summary>A new attempt gets the whole first-token timeout again.</summary>
    public void StartAttempt()
    {
        Volatile.Write(ref _phaseStarted, _time.GetTimestamp());
        Arm();
    }

    /// <summary>Called for every line once tokens flow: the idle clock restarts (a stamp, no timer call).</summary>
    public void LineReceived()
    {
        if (_tokensFlowing)
        {
            Volatile.Write(ref _lastLine, _time.GetTimestamp());
        }
    }

    public void FirstTokenReceived()
    {
        Volatile.Write(ref _lastLine, _time.GetTimestamp());
        _tokensFlowing = true;

        // The idle deadline may come before the first-token one the timer waits for.
        Arm();
    }

    /// <summary>Which clock fired, as the failure to report; null when none did or when the caller cancelled.</summary>
    public OllamaStreamException? Classify(long tokensReceived = 0)
    {
        if (_caller.IsCancellationRequested)
        {
            return null;
        }

        return _fired switch
        {
            TotalFired => OllamaFailures.TotalTimeout(_totalTimeout, tokensReceived),
            PhaseFired => _tokensFlowing
                ? OllamaFailures.IdleTimeout(_idleTimeout, tokensReceived)
                : OllamaFailures.FirstTokenTimeout(_firstTokenTimeout),
            _ => null,
        };
    }

    /// <summary>The failure to report when a call on the stream was cancelled and the caller did not cancel it.</summary>
    public OllamaStreamException CancelledFailure(long tokensReceived, Exception? cause = null) =>
        Classify(tokensReceived) ?? OllamaFailures.Disconnected("the upstream read was cancelled", tokensReceived, cause);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
        _linked.Dispose();
    }

    private long TotalDeadline => Deadline(_started, _totalTimeout);

    private long PhaseDeadline => _tokensFlowing
        ? Deadline(Volatile.Read(ref _lastLine), _idleTimeout)
        : Deadline(Volatile.Read(ref _phaseStarted), _firstTokenTimeout);

    private long Deadline(long from, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout >= TimeSpan.MaxValue / 2)
        {
            return long.MaxValue;
        }

        return from + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
    }

    /// <summary>Sets the timer to the earliest deadline; cancels at once when one has passed. Also the timer's callback.</summary>
    private void Arm()
    {
        int fired;
        lock (_gate)
        {
            if (_disposed || _fired != NoneFired)
            {
                return;
            }

            var now = _time.GetTimestamp();
            fired = now >= TotalDeadline ? TotalFired : now >= PhaseDeadline ? PhaseFired : NoneFired;
            if (fired == NoneFired)
            {
                var due = Math.Min(TotalDeadline, PhaseDeadline);
                var wait = due == long.MaxValue ? LongestTimerWait : _time.GetElapsedTime(now, due);
                _timer.Change(wait < LongestTimerWait ? wait : LongestTimerWait, Timeout.InfiniteTimeSpan);
                return;
            }

            _fired = fired;
        }

        // Outside the gate: cancelling runs the token's callbacks (a pending read's) right here.
        try
        {
            _linked.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the gate and here: the stream is over, nothing is waiting.
        }
    }
}
