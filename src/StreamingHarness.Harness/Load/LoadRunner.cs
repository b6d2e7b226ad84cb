using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Load;

/// <summary>
/// Drives one phase: the closed loop (N workers, each starting its next request when the last ends) or the open
/// loop (Poisson arrivals, optionally capped by a maximum concurrency, with the wait for a slot reported).
/// Every request goes through the executor and lands in the phase's recorder. Durations, arrivals and the drain run on
/// the <paramref name="clock"/>'s timers, so tests move them on virtual time.
/// </summary>
internal sealed class LoadRunner(RequestExecutor executor, ModelMix models, HarnessClock clock)
{
    public async Task RunClosedAsync(PhaseRecorder phase, int concurrency, RunBounds bounds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        bounds.Validate();
        using var interrupted = cancellationToken.Register(phase.Interrupt);
        using var stopIssuing = new CancellationTokenSource();
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long issued = 0;

        async Task WorkerAsync()
        {
            await Task.Yield();
            while (!stopIssuing.IsCancellationRequested && Interlocked.Increment(ref issued) <= bounds.MaxRequests)
            {
                await SendOneAsync(phase, null, hardStop.Token).ConfigureAwait(false);
            }
        }

        var workers = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkerAsync()));
        await WaitForEndAsync(workers, bounds.Duration, cancellationToken).ConfigureAwait(false);
        await StopAsync(phase, workers, stopIssuing, hardStop, bounds.Drain).ConfigureAwait(false);
    }

    public async Task RunOpenAsync(
        PhaseRecorder phase, IReadOnlyList<double> arrivals, int? maxConcurrency, RunBounds bounds, CancellationToken cancellationToken)
    {
        bounds.Validate();
        using var interrupted = cancellationToken.Register(phase.Interrupt);
        using var durationOver = new CancellationTokenSource(bounds.Duration, clock.Time);
        using var stopIssuing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, durationOver.Token);
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = maxConcurrency is { } max ? new SemaphoreSlim(max, max) : null;
        var running = new List<Task>();
        var start = clock.Now;
        try
        {
            foreach (var offset in arrivals.Take((int)Math.Min(int.MaxValue, bounds.MaxRequests)))
            {
                var due = start + Ticks.FromMilliseconds(offset * 1000);
                var early = Ticks.ToMilliseconds(due - clock.Now);
                if (early > 0.5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(early), clock.Time, stopIssuing.Token).ConfigureAwait(false);
                }

                if (slots is not null)
                {
                    await slots.WaitAsync(stopIssuing.Token).ConfigureAwait(false);
                }

                var queueWait = Math.Max(0, Ticks.ToMilliseconds(clock.Now - due));
                running.Add(SendAndReleaseAsync(phase, queueWait, slots, hardStop.Token));
            }
        }
        catch (OperationCanceledException) when (stopIssuing.IsCancellationRequested)
        {
            // The duration passed: no more arrivals.
        }

        await StopAsync(phase, Task.WhenAll(running), stopIssuing, hardStop, bounds.Drain).ConfigureAwait(false);
    }

    private async Task SendAndReleaseAsync(
        PhaseRecorder phase, double queueWaitMs, SemaphoreSlim? slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await SendOneAsync(phase, queueWaitMs, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots?.Release();
        }
    }

    private async Task SendOneAsync(PhaseRecorder phase, double? queueWaitMs, CancellationToken cancellationToken)
    {
        var id = phase.OnSent(clock.Now);
        var timeline = phase.NewTimeline(id);
        var model = models.Pick(id).Model;
        var outcome = await executor.ExecuteAsync(model, timeline, cancellationToken).ConfigureAwait(false);

        // Ctrl+C reaches the fake and the relay too, which may cut the stream (an error) before the token says so here.
        if (!outcome.IsOk && phase.Interrupted)
        {
            outcome = Outcome.Cancelled;
        }

        var now = clock.Now;
        phase.OnCompleted(
            RequestSample.From(id, phase.Name, model, phase.Concurrency, phase.RunStart, queueWaitMs, timeline, outcome), now);
    }

    private async Task WaitForEndAsync(Task workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAny(workers, Task.Delay(duration, clock.Time, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Interrupted by the user: stop at once, below.
        }
    }

    private async Task StopAsync(
        PhaseRecorder phase, Task running, CancellationTokenSource stopIssuing, CancellationTokenSource hardStop, TimeSpan drain)
    {
        phase.InFlightAtStop = phase.InFlight;
        await stopIssuing.CancelAsync().ConfigureAwait(false);
        var drainOver = running.IsCompleted ? Timeout.InfiniteTimeSpan : drain;
        await using var drainTimer = clock.Time.CreateTimer(
            static state => ((CancellationTokenSource)state!).Cancel(), hardStop, drainOver, Timeout.InfiniteTimeSpan);
        await running.ConfigureAwait(false);
    }
}
