using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Suites;

/// <summary>What a run tells its user while it runs (live progress in a terminal, nothing in tests).</summary>
internal interface IRunObserver
{
    void Info(string message);

    void PhaseStarted(PhaseRecorder phase, TimeSpan duration);

    void PhaseEnded(PhaseSummary summary);
}

internal sealed class SilentObserver : IRunObserver
{
    public static SilentObserver Instance { get; } = new();

    public void Info(string message)
    {
    }

    public void PhaseStarted(PhaseRecorder phase, TimeSpan duration)
    {
    }

    public void PhaseEnded(PhaseSummary summary)
    {
    }
}
