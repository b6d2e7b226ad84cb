using CsCheck;
using Shouldly;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Tests.Shards;

public sealed class ShardSpecTests
{
    [Fact]
    public void Share_AnyTotalOverAnyCount_AddsUpAndDiffersByAtMostOne()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Int[1, 64]).Sample(t =>
        {
            var (total, count) = t;
            var shares = Enumerable.Range(0, count).Select(i => new ShardSpec(i, count, null).Share(total)).ToList();

            shares.Sum().ShouldBe(total);
            (shares.Max() - shares.Min()).ShouldBeLessThanOrEqualTo(1);
            shares.ShouldBe(shares.OrderDescending().ToList());
        });
    }

    [Fact]
    public void Apply_ClosedTenOverFour_RemainderToTheLowestIndices()
    {
        var suite = new SuiteDefinition
        {
            Name = "s",
            Load = new LoadDefinition { Kind = "closed", Concurrency = 10 },
            MaxRequests = 7,
            Seed = 5,
        };

        var shards = Enumerable.Range(0, 4).Select(i => new ShardSpec(i, 4, null).Apply(suite)).ToList();

        shards.Select(s => s.Load.Concurrency).ShouldBe([3, 3, 2, 2]);
        shards.Select(s => s.MaxRequests).ShouldBe([2, 2, 2, 1]);
        shards.Select(s => s.Seed).ShouldBe([5, 6, 7, 8]);
        suite.Load.Concurrency.ShouldBe(10);
    }

    [Fact]
    public void Apply_OpenLoop_RateDividedCapSplit()
    {
        var suite = new SuiteDefinition { Load = new LoadDefinition { Kind = "open", Rate = 10, MaxConcurrency = 5 } };

        var shards = Enumerable.Range(0, 4).Select(i => new ShardSpec(i, 4, null).Apply(suite)).ToList();

        shards.ShouldAllBe(s => s.Load.Rate == 2.5);
        shards.Select(s => s.Load.MaxConcurrency).ShouldBe([2, 1, 1, 1]);
    }

    [Fact]
    public void Apply_Ramp_EveryStepSplitAndMemoryStepsDropped()
    {
        var suite = new SuiteDefinition
        {
            Load = new LoadDefinition { Kind = "ramp", Steps = [2, 8, 33] },
            Memory = new MemoryDefinition { HoldStreams = [8], LongStreamTokens = 1000 },
        };

        var shard = new ShardSpec(1, 2, null).Apply(suite);

        shard.Load.Steps.ShouldBe([1, 4, 16]);
        shard.Memory.HoldStreams.ShouldBeEmpty();
        shard.Memory.LongStreamTokens.ShouldBe(0);
    }

    [Fact]
    public void Apply_ConcurrencyBelowShardCount_IsAFormatError()
    {
        var suite = new SuiteDefinition { Load = new LoadDefinition { Kind = "closed", Concurrency = 2 } };

        Should.Throw<FormatException>(() => new ShardSpec(0, 4, null).Apply(suite))
            .Message.ShouldBe("concurrency 2 cannot be split over 4 shards: each shard needs at least 1.");
    }

    [Theory]
    [InlineData(4, 4, "--shard-index: must be from 0 to 3 (--shard-count 4), got 4.")]
    [InlineData(-1, 2, "--shard-index: must be from 0 to 1 (--shard-count 2), got -1.")]
    [InlineData(0, 0, "--shard-count: must be at least 1, got 0.")]
    [InlineData(0, null, "--shard-index and --shard-count go together: give both (e.g. --shard-index 0 --shard-count 4).")]
    [InlineData(null, 3, "--shard-index and --shard-count go together: give both (e.g. --shard-index 0 --shard-count 4).")]
    public void From_BadCombination_SaysWhatIsWrong(int? index, int? count, string message) =>
        Should.Throw<FormatException>(() => ShardSpec.From(index, count, null)).Message.ShouldBe(message);
}
