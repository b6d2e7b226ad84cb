using Shouldly;
using StreamingHarness.Harness.Bench;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>
/// The capacity rows from the four sweeps' results: every rate as a share of the floor pair's, the target on the
/// instrument alone (the two crossed halves say which half holds it back and never fail a run), and no verdict without
/// a floor figure.
/// </summary>
public sealed class BenchCapacityTests
{
    private static readonly CapacitySweepLimits Limits = CapacitySweepLimits.Default;

    [Fact]
    public void Rows_InstrumentBelowTarget_OnlyTheInstrumentIsJudged()
    {
        var rows = BenchCapacity.Rows([Held(1000), Held(790), Held(500), Held(1040)], 20, Limits, "0.5 0.5 0.5");

        rows.Select(r => r.Pair.Split(':')[0]).ShouldBe(
            ["floor pair", "fake + harness (NdjsonProbe, RequestExecutor, watchdog)", "server half", "client half"]);
        rows.Select(r => r.Streams).ShouldBe([1000, 790, 500, 1040]);
        rows[0].RatioToFloorPair.ShouldBeNull();
        rows.Skip(1).Select(r => r.RatioToFloorPair!.Value).ShouldBe([0.79, 0.5, 1.04], tolerance: 1e-9);
        rows.Select(r => r.TargetRatio).ShouldBe([null, 0.8, null, null]);
        rows.Select(r => r.Met).ShouldBe([null, false, null, null]);
        rows.ShouldAllBe(r => r.IntervalMs == 20 && r.P99LimitMs == 5 && r.LoadAverage == "0.5 0.5 0.5");
    }

    [Fact]
    public void Rows_InstrumentAtTarget_Meets()
    {
        var rows = BenchCapacity.Rows([Held(1000), Held(800), Held(900), Held(900)], 20, Limits, "");

        rows[1].Met.ShouldBe(true);
    }

    [Fact]
    public void Rows_FloorPairFoundNothing_NoRatioAndNoVerdict_AndTheFloorIsInconclusive()
    {
        var rows = BenchCapacity.Rows([NoneHeld(), Held(790), Held(500), Held(900)], 20, Limits, "");

        rows[0].Inconclusive.ShouldBeTrue();
        rows.Select(r => r.RatioToFloorPair).ShouldAllBe(ratio => ratio == null);
        rows.Select(r => r.Met).ShouldAllBe(met => met == null);
        rows[1].TargetRatio.ShouldBe(0.8);
    }

    [Fact]
    public void Rows_NotFourSweeps_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BenchCapacity.Rows([Held(1000), Held(790)], 20, Limits, ""));
    }

    /// <summary>A sweep whose best step held <paramref name="streams"/> streams at 50 tokens a stream a second.</summary>
    private static (CapacityResult, double) Held(int streams)
    {
        var step = new CapacityReading(streams, streams * 50L, 1, 0.5, 2.0, FailedStreams: 0);
        return (new CapacityResult(step, streams + 32, [step], CapacityStop.Bracketed), 60);
    }

    private static (CapacityResult, double) NoneHeld()
    {
        var step = new CapacityReading(64, 3200, 1, 3, 9, FailedStreams: 0);
        return (new CapacityResult(null, 32, [step], CapacityStop.Bracketed), 30);
    }
}
