using Shouldly;
using StreamingHarness.Harness.Bench;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>
/// The capacity sweep's search, with a made-up measurer whose p99 breaks above a given stream count: the exact steps
/// it visits, each way it stops, and its step budget. No clock: the measurer answers at once.
/// </summary>
public sealed class CapacitySweepTests
{
    private static readonly CapacitySweepLimits Limits =
        new(FirstStreams: 64, MaxStreams: 4096, ResolutionStreams: 32, MaxSteps: 12, P99LimitMs: 5);

    [Fact]
    public async Task Run_BreaksAbove700_RampsThenBisectsToWithinResolution()
    {
        var (result, visited) = await SweepAsync(Limits, holdsUpTo: 700);

        visited.ShouldBe([64, 128, 256, 512, 1024, 768, 640, 704, 672]);
        result.Stop.ShouldBe(CapacityStop.Bracketed);
        result.Capacity!.Streams.ShouldBe(672);
        result.LowestBroken.ShouldBe(704);
        result.Steps.Select(s => s.Streams).ShouldBe(visited);
    }

    [Fact]
    public async Task Run_NothingBreaks_StopsAtTheMaximum()
    {
        var (result, visited) = await SweepAsync(Limits with { MaxStreams = 1000 }, holdsUpTo: int.MaxValue);

        visited.ShouldBe([64, 128, 256, 512, 1000]);
        result.Stop.ShouldBe(CapacityStop.HeldAtMax);
        result.Capacity!.Streams.ShouldBe(1000);
        result.LowestBroken.ShouldBeNull();
    }

    [Fact]
    public async Task Run_FirstStepBreaks_BisectsDownAndMayFindNone()
    {
        var (result, visited) = await SweepAsync(Limits, holdsUpTo: 10);

        visited.ShouldBe([64, 32]);
        result.Stop.ShouldBe(CapacityStop.Bracketed);
        result.Capacity.ShouldBeNull();
        result.LowestBroken.ShouldBe(32);
    }

    [Fact]
    public async Task Run_StepBudgetSpent_StopsWithTheBestHoldingStep()
    {
        var (result, visited) = await SweepAsync(Limits with { MaxSteps = 6 }, holdsUpTo: 700);

        visited.ShouldBe([64, 128, 256, 512, 1024, 768]);
        result.Stop.ShouldBe(CapacityStop.OutOfSteps);
        result.Capacity!.Streams.ShouldBe(512);
        result.LowestBroken.ShouldBe(768);
    }

    [Fact]
    public async Task Run_FailedStreamsWithALowP99_CountAsBroken()
    {
        var visited = new List<int>();
        var result = await new CapacitySweep(Limits with { MaxStreams = 256 }).RunAsync(
            (streams, _) =>
            {
                visited.Add(streams);
                return Task.FromResult(new CapacityReading(streams, streams * 50, 1, 0.1, 0.2, FailedStreams: streams > 128 ? 1 : 0));
            },
            CancellationToken.None);

        visited.ShouldBe([64, 128, 256, 192, 160]);
        result.Capacity!.Streams.ShouldBe(128);
        result.LowestBroken.ShouldBe(160);
    }

    [Fact]
    public async Task Run_ConfirmBreaks_ASingleBadWindowIsMeasuredAgainAndHolds()
    {
        var visited = new List<int>();
        var result = await new CapacitySweep(Limits with { MaxStreams = 256, ConfirmBreaks = true }).RunAsync(
            (streams, _) =>
            {
                visited.Add(streams);
                var spurious = streams == 128 && visited.Count(s => s == 128) == 1;
                var p99 = streams <= 200 && !spurious ? 1.0 : 9.0;
                return Task.FromResult(new CapacityReading(streams, streams * 50, 1, 0.5, p99, 0));
            },
            CancellationToken.None);

        visited.ShouldBe([64, 128, 128, 256, 256, 192, 224, 224]);
        result.Capacity!.Streams.ShouldBe(192);
        result.LowestBroken.ShouldBe(224);
        result.Stop.ShouldBe(CapacityStop.Bracketed);
    }

    [Fact]
    public void Between_TwoSnapshots_KeepsOnlyTheValuesRecordedBetweenThem()
    {
        var histogram = new LogHistogram();
        for (var i = 0; i < 100; i++)
        {
            histogram.Record(30_000_000);
        }

        var before = histogram.ToSnapshot();
        for (var i = 0; i < 100; i++)
        {
            histogram.Record(1_000_000);
        }

        var window = CapacityWindow.Between(before, histogram.ToSnapshot());

        window.Count.ShouldBe(100);
        window.ValueAtQuantile(0.99).ShouldBe(1_000_000, tolerance: 1_000_000 * LogHistogram.RelativeAccuracy);
    }

    private static async Task<(CapacityResult Result, List<int> Visited)> SweepAsync(CapacitySweepLimits limits, int holdsUpTo)
    {
        var visited = new List<int>();
        var result = await new CapacitySweep(limits).RunAsync(
            (streams, _) =>
            {
                visited.Add(streams);
                var p99 = streams <= holdsUpTo ? 1.0 : 9.0;
                return Task.FromResult(new CapacityReading(streams, streams * 50, 1, 0.5, p99, 0));
            },
            CancellationToken.None);
        return (result, visited);
    }
}
