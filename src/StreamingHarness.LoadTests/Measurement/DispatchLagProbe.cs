namespace StreamingHarness.LoadTests.Measurement;

/// <summary>
/// Measures the harness's own overhead on every timestamp it takes: a work item is queued to the thread pool every
/// 5 ms and the delay until it runs is recorded. A socket read that completes waits in the same queue before the
/// probe stamps its chunk, so this is how late the harness sees data that has arrived: the client's share of TTFT
/// and ITL. A saturated load generator shows here first.
/// </summary>
internal sealed class DispatchLagProbe : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(5);
    private readonly Timer _timer;
    private LogHistogram _lag = new();

    public DispatchLagProbe()
    {
        _timer = new Timer(_ => Queue(), null, Period, Period);
    }

    /// <summary>Returns the lag recorded since the last call and starts a new recording.</summary>
    public LogHistogram TakeAndReset() => Interlocked.Exchange(ref _lag, new LogHistogram());

    public void Dispose() => _timer.Dispose();

    private void Queue()
    {
        var queued = Ticks.Now;
        ThreadPool.UnsafeQueueUserWorkItem(
            static state => state.Probe._lag.Record(Ticks.ToNanoseconds(Ticks.Now - state.Queued)),
            (Probe: this, Queued: queued),
            preferLocal: false);
    }
}
