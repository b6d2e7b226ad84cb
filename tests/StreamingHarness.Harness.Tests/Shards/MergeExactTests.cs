using CsCheck;
using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Merge;

namespace StreamingHarness.Harness.Tests.Shards;

/// <summary>Merging shards is exact: the merged report's figures are those of one recorder that saw every request.</summary>
public sealed class MergeExactTests
{
    /// <summary>Requests (time to first token, time after it, failed or not, which shard), 1 µs to 100 s, over 1 to 6 shards.</summary>
    private static readonly Gen<(int Shards, (long Ttft, long After, bool Ok, int Pick)[] Requests)> Runs = Gen.Select(
        Gen.Int[1, 6],
        Gen.Select(Gen.Long[1_000, 100_000_000_000L], Gen.Long[1_000, 100_000_000_000L], Gen.Int[0, 9], Gen.Int[0, 1_000])
            .Select(t => (t.Item1, t.Item2, t.Item3 != 0, t.Item4))
            .Array[1, 300]);

    [Fact]
    public void Merge_AnySplitOverShards_SameFiguresAsOneRecorderOfAllRequests()
    {
        Runs.Sample(run =>
        {
            var samples = run.Requests.Select(r => r.Ok ? ShardReports.Ok(r.Ttft, r.After) : ShardReports.Failed()).ToArray();
            var shards = Enumerable.Range(0, run.Shards)
                .Select(i => ShardReports.Shard(
                    i, run.Shards, ShardReports.Record(samples.Where((_, n) => run.Requests[n].Pick % run.Shards == i))))
                .ToList();
            var single = ShardReports.Phase(ShardReports.Record(samples)).Summary;

            var merged = ReportMerger.Merge(shards, "merge").Phases.ShouldHaveSingleItem().Summary;

            merged.Ttft.ShouldBe(single.Ttft);
            merged.Itl.ShouldBe(single.Itl);
            merged.Tpot.ShouldBe(single.Tpot);
            merged.E2e.ShouldBe(single.E2e);
            merged.Headers.ShouldBe(single.Headers);
            (merged.Sent, merged.Succeeded, merged.Failed, merged.OutputTokens)
                .ShouldBe((single.Sent, single.Succeeded, single.Failed, single.OutputTokens));
            merged.Outcomes.ShouldBe(single.Outcomes);
            merged.ErrorRate.ShouldBe(single.ErrorRate);
        });
    }

    [Fact]
    public void Merge_FastShardAndSlowShard_P99IsTheSlowOnesNotTheAverage()
    {
        var fast = ShardReports.Record(Enumerable.Repeat(ShardReports.Ok(1_000_000, 9_000_000), 50));
        var slow = ShardReports.Record(Enumerable.Repeat(ShardReports.Ok(100_000_000, 9_000_000), 50));

        var merged = ReportMerger.Merge([ShardReports.Shard(0, 2, fast), ShardReports.Shard(1, 2, slow)], "merge").Phases[0].Summary;

        merged.Ttft.P99.ShouldBe(100, 100 * LogHistogram.RelativeAccuracy);
        merged.Ttft.P50.ShouldBe(1, LogHistogram.RelativeAccuracy);
        merged.Ttft.Mean.ShouldBe(50.5);
        merged.Sent.ShouldBe(100);
    }

    [Fact]
    public void Merge_ShardMissing_IsRejected()
    {
        var phase = ShardReports.Record([ShardReports.Ok(1_000_000, 1_000_000)]);

        var error = Should.Throw<FormatException>(
            () => ReportMerger.Merge([ShardReports.Shard(0, 3, phase), ShardReports.Shard(2, 3, phase)], "merge"));

        error.Message.ShouldContain("shard(s) 1 are missing");
    }

    [Fact]
    public void Merge_ShardGivenTwice_IsRejected()
    {
        var phase = ShardReports.Record([ShardReports.Ok(1_000_000, 1_000_000)]);

        var error = Should.Throw<FormatException>(
            () => ReportMerger.Merge([ShardReports.Shard(0, 2, phase), ShardReports.Shard(0, 2, phase)], "merge"));

        error.Message.ShouldStartWith("shard 0 is given twice");
    }

    [Fact]
    public void Merge_ShardsOfTwoSuites_IsRejected()
    {
        var phase = ShardReports.Record([ShardReports.Ok(1_000_000, 1_000_000)]);

        var error = Should.Throw<FormatException>(
            () => ReportMerger.Merge([ShardReports.Shard(0, 2, phase, "a"), ShardReports.Shard(1, 2, phase, "b")], "merge"));

        error.Message.ShouldBe("/shards/1: suite is b, but /shards/0 has a: these reports are not shards of one run.");
    }

    [Fact]
    public void Merge_SummaryCountsDisagreeWithItsHistograms_IsRejected()
    {
        var phase = ShardReports.Record([ShardReports.Ok(1_000_000, 1_000_000)]);
        var good = ShardReports.Shard(0, 2, phase);
        var other = ShardReports.Shard(1, 2, phase);
        var tampered = other with
        {
            Report = other.Report with
            {
                Phases =
                [
                    other.Report.Phases[0] with
                    {
                        Histograms = other.Report.Phases[0].Histograms! with { Ttft = new LogHistogram().ToSnapshot() },
                    },
                ],
            },
        };

        var error = Should.Throw<FormatException>(() => ReportMerger.Merge([good, tampered], "merge"));

        error.Message.ShouldContain("phase 'measured': ttft counts 1 values but its histogram holds 0");
    }

    [Fact]
    public void FromSnapshot_BucketOutOfRange_IsAFormatError()
    {
        var snapshot = new HistogramSnapshot(LogHistogram.RelativeAccuracy, 1, 5, 5, 5, [[5000, 1]]);

        Should.Throw<FormatException>(() => LogHistogram.FromSnapshot(snapshot)).Message.ShouldContain("want [index 0..1599");
    }
}
