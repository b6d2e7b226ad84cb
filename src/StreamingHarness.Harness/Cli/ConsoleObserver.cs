using System.Globalization;
using Spectre.Console;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Cli;

/// <summary>Live progress in the terminal: one bar per phase, its counters refreshed four times a second.</summary>
internal sealed class ConsoleObserver(ProgressContext context) : IRunObserver, IDisposable
{
    private CancellationTokenSource? _phase;
    private Task _refresh = Task.CompletedTask;

    public void Info(string message) => context.AddTask(Markup.Escape(message), autoStart: true, maxValue: 1).Value = 1;

    public void PhaseStarted(PhaseRecorder phase, TimeSpan duration)
    {
        var task = context.AddTask(Markup.Escape(phase.Name), autoStart: true, maxValue: Math.Max(0.1, duration.TotalSeconds));
        var started = phase.Clock.Now;
        _phase = new CancellationTokenSource();
        var token = _phase.Token;
        _refresh = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
                {
                    var seconds = Ticks.ToMilliseconds(phase.Clock.Now - started) / 1000;
                    task.Value = Math.Min(task.MaxValue, seconds);
                    task.Description = Markup.Escape(Describe(phase, seconds));
                }
            }
            catch (OperationCanceledException)
            {
                task.Description = Markup.Escape(Describe(phase, Ticks.ToMilliseconds(phase.Clock.Now - started) / 1000));
                task.Value = task.MaxValue;
            }
        });
    }

    public void PhaseEnded(PhaseSummary summary)
    {
        _phase?.Cancel();
        _refresh.Wait(TimeSpan.FromSeconds(1));
        _phase?.Dispose();
        _phase = null;
    }

    public void Dispose() => _phase?.Dispose();

    internal static string Describe(PhaseRecorder phase, double seconds) => string.Create(
        CultureInfo.InvariantCulture,
        $"{phase.Name,-14} {phase.Sent,8:#,0} sent {phase.InFlight,6:#,0} in flight {phase.Tokens / Math.Max(0.001, seconds),10:#,0} "
        + $"tok/s {phase.Failed,6:#,0} failed");
}

/// <summary>When the output is not a terminal (CI logs): one line per event, no redrawing.</summary>
internal sealed class PlainObserver : IRunObserver
{
    public void Info(string message) => Console.WriteLine(message);

    public void PhaseStarted(PhaseRecorder phase, TimeSpan duration) =>
        Console.WriteLine($"phase {phase.Name}: {phase.Load}, up to {duration.TotalSeconds:0.#} s");

    public void PhaseEnded(PhaseSummary summary) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"phase {summary.Name}: {summary.Sent} sent, {summary.Succeeded} ok, {summary.Failed} failed, {summary.TokensPerSecond:#,0} tok/s, "
        + $"TTFT p50 {summary.Ttft.P50:0.###} ms p99 {summary.Ttft.P99:0.###} ms"));
}
