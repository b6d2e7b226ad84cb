using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// The clocks of one stream, folded into one cancellation token for every upstream call: the client leaving, the
/// total deadline, and a phase timer that is the first-token timeout until a token arrives and the idle timeout
/// after. When the token fires, <see cref="Classify"/> says which one it was.
/// </summary>
internal sealed class StreamDeadlines : IDisposable
{
    private readonly UpstreamOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _client;
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _phase;
    private readonly CancellationTokenSource _linked;
    private readonly long _started;
    private bool _tokensFlowing;

    public StreamDeadlines(UpstreamOptions options, TimeProvider time, CancellationToken client)
    {
        _options = options;
        _time = time;
        _client = client;
        _started = time.GetTimestamp();
        _total = new CancellationTokenSource(options.TotalTimeout, time);
        _phase = new CancellationTokenSource(options.FirstTokenTimeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(client, _total.Token, _phase.Token);
    }

    public CancellationToken Token => _linked.Token;

    public bool ClientGone => _client.IsCancellationRequested;

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    public TimeSpan Remaining => _options.TotalTimeout - Elapsed;

    /// <summary>A new upstream attempt gets the whole first-token timeout again.</summary>
    public void StartAttempt() => _phase.CancelAfter(_options.FirstTokenTimeout);

    /// <summary>Called for every line once tokens flow: the idle clock restarts.</summary>
    public void LineReceived()
    {
        if (_tokensFlowing)
        {
            _phase.CancelAfter(_options.IdleTimeout);
        }
    }

    public void FirstTokenReceived()
    {
        _tokensFlowing = true;
        _phase.CancelAfter(_options.IdleTimeout);
    }

    /// <summary>Which clock fired; null when none did or when the client left (then nobody is left to tell).</summary>
    public RelayFailure? Classify()
    {
        if (_client.IsCancellationRequested)
        {
            return null;
        }

        if (_total.IsCancellationRequested)
        {
            return RelayFailure.TotalTimeout(_options.TotalTimeout);
        }

        if (_phase.IsCancellationRequested)
        {
            return _tokensFlowing ? RelayFailure.IdleTimeout(_options.IdleTimeout) : RelayFailure.FirstTokenTimeout(_options.FirstTokenTimeout);
        }

        return null;
    }

    public void Dispose()
    {
        _linked.Dispose();
        _phase.Dispose();
        _total.Dispose();
    }
}
