using Shouldly;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Measurement;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("ttft.p99 < 500ms", "ttft", "p99", "<", 500)]
    [InlineData("itl.p99.9<=2s", "itl", "p99.9", "<=", 2000)]
    [InlineData("error_rate <= 0.01", "error_rate", null, "<=", 0.01)]
    [InlineData(" tokens_per_s >= 1000 ", "tokens_per_s", null, ">=", 1000)]
    public void Parse_ReadsMetricStatisticOperatorAndValueInMs(string text, string metric, string? statistic, string op, double value)
    {
        var threshold = Threshold.Parse(text);

        threshold.Metric.ShouldBe(metric);
        threshold.Statistic.ShouldBe(statistic);
        threshold.Operator.ShouldBe(op);
        threshold.Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("ttft < 5")]
    [InlineData("latency.p99 < 5")]
    [InlineData("ttft.p42 < 5")]
    [InlineData("error_rate ~ 1")]
    public void Parse_Nonsense_SaysHowToWriteIt(string text)
    {
        var ex = Should.Throw<FormatException>(() => Threshold.Parse(text));

        ex.Message.ShouldStartWith($"threshold '{text}'");
    }

    [Fact]
    public void Evaluate_ComparesTheMeasuredValue()
    {
        var phase = new PhaseRecorder("p", "closed", 1, 0);
        var timeline = phase.NewTimeline(1);
        phase.OnSent(0);
        phase.OnCompleted(
            new RequestSample(1, "p", "m", 1, 0, null, 1, 1, 40, 50, null, 1, false, 1, 0, null, null, 10, Outcome.Ok),
            Ticks.FromMilliseconds(50));
        phase.OnSent(0);
        phase.OnCompleted(
            new RequestSample(2, "p", "m", 1, 0, null, 1, 1, null, 5, null, 0, true, 0, 0, null, null, 0, Outcome.Http(503, "busy")),
            Ticks.FromMilliseconds(60));
        var summary = PhaseSummary.From(phase, "t", new ServiceLevelObjectives());

        Threshold.Parse("ttft.p99 < 41").Evaluate(summary).Passed.ShouldBeTrue();
        Threshold.Parse("ttft.p99 < 39").Evaluate(summary).Passed.ShouldBeFalse();
        var errors = Threshold.Parse("error_rate <= 0.1").Evaluate(summary);
        errors.Passed.ShouldBeFalse();
        errors.Actual.ShouldBe(0.5);
        summary.Outcomes.ShouldBe(new Dictionary<string, long> { ["http_503"] = 1, ["ok"] = 1 });
        timeline.ShouldNotBeNull();
    }
}
