using Shouldly;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Measurement;

/// <summary>A request cut by the user's Ctrl+C is cancelled, not an error; one the drain time cut is still a failure.</summary>
public sealed class InterruptedPhaseTests
{
    [Fact]
    public void OnCompleted_AfterInterrupt_CancelledRequestIsNoError_AndErrorRateZeroPasses()
    {
        var phase = Phase();
        phase.Interrupt();
        Complete(phase, 2, Outcome.Cancelled);

        var summary = PhaseSummary.From(phase, "t", new ServiceLevelObjectives());

        summary.Failed.ShouldBe(0);
        summary.Cancelled.ShouldBe(1);
        summary.ErrorRate.ShouldBe(0);
        Threshold.Parse("error_rate <= 0").Evaluate(summary).Passed.ShouldBeTrue();
        phase.InFlight.ShouldBe(0);
        summary.Outcomes.ShouldBe(new Dictionary<string, long> { ["cancelled"] = 1, ["ok"] = 1 });
    }

    [Fact]
    public void OnCompleted_CancelledByTheDrainWithoutInterrupt_IsAFailure()
    {
        var phase = Phase();
        Complete(phase, 2, Outcome.Cancelled);

        var summary = PhaseSummary.From(phase, "t", new ServiceLevelObjectives());

        summary.Failed.ShouldBe(1);
        summary.Cancelled.ShouldBe(0);
        Threshold.Parse("error_rate <= 0").Evaluate(summary).Passed.ShouldBeFalse();
    }

    private static PhaseRecorder Phase()
    {
        var phase = new PhaseRecorder("p", "closed", 1, 0);
        Complete(phase, 1, Outcome.Ok);
        return phase;
    }

    private static void Complete(PhaseRecorder phase, long id, Outcome outcome)
    {
        phase.OnSent(0);
        phase.OnCompleted(
            new RequestSample(id, "p", "m", 1, 0, null, 1, 1, 40, 50, null, 1, false, 1, 0, null, null, 10, outcome),
            Ticks.FromMilliseconds(50));
    }
}
