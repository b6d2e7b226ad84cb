using Shouldly;
using StreamingHarness.Harness.Bench;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>
/// The capacity rows from the four sweeps' results: every rate as a share of the floor pair's, the target on the
/// instrument alone (the two crossed halves say which half holds it back and are never judged against it), no verdict
/// without a floor figure, and the run's verdict: a missed target or any sweep that found nothing fails it.
/// </summary>
public sealed class BenchCapacityTests
{
    private static readonly CapacitySweepLimits Limits = CapacitySweepLimits.Default;

    [Fact]
    public void Rows_InstrumentBelowTarget_OnlyTheInstrumentIsJudged()
    {
        var sweeps = new CapacitySweeps(Held(1000, 61), Held(790, 62), Held(500, 63), Held(1040, 64));

        var rows = BenchCapacity.Rows(sweeps, 20, Limits, "0.5 0.5 0.5");

        rows.Select(r => r.Pair.Split(':')[0]).ShouldBe(
            ["floor pair", "fake + harness (NdjsonProbe, RequestExecutor, watchdog)", "server half", "client half"]);
        rows.Select(r => r.Streams).ShouldBe([1000, 790, 500, 1040]);
        rows.Select(r => r.TokensPerSecond).ShouldBe([50_000, 39_500, 25_000, 52_000]);
        rows.Select(r => r.Seconds).ShouldBe([61, 62, 63, 64]);
        rows.Select(r => r.LowestBroken).ShouldBe([1032, 822, 532, 1072]);
        rows[0].RatioToFloorPair.ShouldBeNull();
        rows.Skip(1).Select(r => r.RatioToFloorPair!.Value).ShouldBe([0.79, 0.5, 1.04], tolerance: 1e-9);
        rows.Select(r => r.TargetRatio).ShouldBe([null, 0.8, null, null]);
        rows.Select(r => r.Met).ShouldBe([null, false, null, null]);
        rows.ShouldAllBe(r => r.IntervalMs == 20 && r.P99LimitMs == 5 && r.LoadAverage == "0.5 0.5 0.5");
        BenchCapacity.Passes(rows).ShouldBeFalse();
    }

    [Fact]
    public void Rows_InstrumentAtTarget_MeetsAndPasses_WhateverTheHalvesRead()
    {
        var rows = BenchCapacity.Rows(new CapacitySweeps(Held(1000), Held(800), Held(100), Held(100)), 20, Limits, "");

        rows[1].Met.ShouldBe(true);
        BenchCapacity.Passes(rows).ShouldBeTrue();
    }

    [Fact]
    public void Rows_FloorPairFoundNothing_NoRatioAndNoVerdict_AndTheRunFails()
    {
        var rows = BenchCapacity.Rows(new CapacitySweeps(NoneHeld(), Held(790), Held(500), Held(900)), 20, Limits, "");

        rows[0].Inconclusive.ShouldBeTrue();
        rows[0].Stop.ShouldBe(CapacityStop.Bracketed);
        rows.Select(r => r.RatioToFloorPair).ShouldAllBe(ratio => ratio == null);
        rows.Select(r => r.Met).ShouldAllBe(met => met == null);
        rows[1].TargetRatio.ShouldBe(0.8);
        BenchCapacity.Passes(rows).ShouldBeFalse();
    }

    [Fact]
    public void Passes_AHalfFoundNothing_FailsTheRun()
    {
        var rows = BenchCapacity.Rows(new CapacitySweeps(Held(1000), Held(900), NoneHeld(), Held(900)), 20, Limits, "");

        rows[2].Inconclusive.ShouldBeTrue();
        rows[2].Met.ShouldBeNull();
        BenchCapacity.Passes(rows).ShouldBeFalse();
    }

    /// <summary>A sweep whose best step held <paramref name="streams"/> streams at 50 tokens a stream a second.</summary>
    private static (CapacityResult, double) Held(int streams, double seconds = 60)
    {
        var step = new CapacityReading(streams, streams * 50L, 1, 0.5, 2.0, FailedStreams: 0);
        return (new CapacityResult(step, streams + 32, [step], CapacityStop.Bracketed), seconds);
    }

    /// <summary>A sweep in which even the fewest streams broke.</summary>
    private static (CapacityResult, double) NoneHeld()
    {
        var step = new CapacityReading(64, 3200, 1, 3, 9, FailedStreams: 0);
        return (new CapacityResult(null, 64, [step], CapacityStop.Bracketed), 30);
    }
}
