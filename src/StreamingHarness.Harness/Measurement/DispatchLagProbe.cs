namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Measures the harness's own overhead on every timestamp it takes. A dedicated thread (outside the thread pool)
/// queues a work item every 5 ms and the delay until a pool thread runs it is recorded. A socket read that
/// completes waits in the same queue before the probe stamps its chunk, so this is how late the harness sees data
/// that has already arrived: the client's share of TTFT and ITL. A saturated load generator shows here first.
/// </summary>
internal sealed class DispatchLagProbe : IDisposable
{
    private readonly HarnessClock _clock;
    private const int PeriodMs = 5;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private LogHistogram _lag = new();

    public DispatchLagProbe(HarnessClock clock)
    {
        _clock = clock;
        _thread = new Thread(Loop) { IsBackground = true, Name = "harness lag probe" };
        _thread.Start();
    }

    /// <summary>Returns the lag recorded since the last call and starts a new recording.</summary>
    public LogHistogram TakeAndReset() => Interlocked.Exchange(ref _lag, new LogHistogram());

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.Token.WaitHandle.WaitOne(PeriodMs))
        {
            var queued = _clock.Now;
            ThreadPool.UnsafeQueueUserWorkItem(
                static state => state.Probe._lag.Record(Ticks.ToNanoseconds(state.Probe._clock.Now - state.Queued)),
                (Probe: this, Queued: queued),
                preferLocal: false);
        }
    }
}
