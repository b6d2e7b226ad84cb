using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Merge;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Tests.Cli;
using StreamingHarness.Harness.Tests.Suites;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Harness.Tests.Shards;

/// <summary><c>load --shard-index/--shard-count/--start-at</c> and <c>merge</c> on the command line, against an in-process fake.</summary>
[Collection(ConsoleUsers.Name)]
public sealed class ShardCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestClock _clock = new();

    private string Reports => _temp.File("reports");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--shard-index 4 --shard-count 4", "error: --shard-index: must be from 0 to 3 (--shard-count 4), got 4.")]
    [InlineData("--shard-index 0", "error: --shard-index and --shard-count go together")]
    [InlineData("--shard-index 0 --shard-count 0", "error: --shard-count: must be at least 1, got 0.")]
    [InlineData("--shard-index 0 --shard-count 4 -c 2", "error: concurrency 2 cannot be split over 4 shards")]
    [InlineData("--shard-index 0 --shard-count 2 --start-at tomorrow", "error: --start-at: 'tomorrow' is not a time")]
    [InlineData(
        "--shard-index 0 --shard-count 2 --start-at 2025-10-26T17:21:00Z",
        "error: --start-at 2025-10-26T17:21:00.000Z is 21 s in the past")]
    [InlineData("--shard-index two --shard-count 2", "error: Cannot parse argument 'two' for option '--shard-index'")]
    public async Task Load_BadShardOptions_ExitsTwoWithTheReasonBeforeAnyLoad(string options, string message)
    {
        var (code, error) = await InvokeAsync([.. options.Split(' '), "--reports", Reports]);

        code.ShouldBe(LoadTestCommand.BadInput);
        error.ShouldStartWith(message);
        Directory.Exists(Reports).ShouldBeFalse();
    }

    [Fact]
    public async Task Merge_FolderWithoutSummary_ExitsTwoNamingIt()
    {
        var empty = Directory.CreateDirectory(_temp.File("empty")).FullName;

        var (code, error) = await InvokeAsync(["merge", empty, "--out", _temp.File("merged")]);

        code.ShouldBe(LoadTestCommand.BadInput);
        error.ShouldStartWith($"error: {empty}: no summary.json in it");
        Directory.Exists(_temp.File("merged")).ShouldBeFalse();
    }

    [Fact]
    public async Task TwoShardsThenMerge_CountsAddUpAndPercentilesComeFromTheMergedHistograms()
    {
        await using var fake = await FakeFixture.StartAsync();
        var startAt = TestClock.Epoch.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        string[] Shard(int i) =>
            ["--fake-url", fake.BaseAddress.ToString(), "-t", "fake", "-m", "steady", "-c", "3", "-d", "30s", "--warmup", "0s", "-n", "11",
             "--no-memory", "--no-live", "--reports", Reports, "--name", "pair",
             "--shard-index", $"{i}", "--shard-count", "2", "--start-at", startAt];

        (await InvokeAsync(Shard(0))).Code.ShouldBe(LoadTestCommand.Passed);
        (await InvokeAsync(Shard(1))).Code.ShouldBe(LoadTestCommand.Passed);
        var folders = Directory.GetDirectories(Reports).Order().ToArray();
        var (code, error) = await InvokeAsync(["merge", .. folders, "--out", _temp.File("merged")]);

        error.ShouldBeEmpty();
        code.ShouldBe(LoadTestCommand.Passed);
        var shards = await ShardReportReader.ReadAsync(folders, TestContext.Current.CancellationToken);
        shards.Select(s => (s.Report.Shard!.Index, s.Report.Phases[0].Summary.Sent, s.Report.Phases[0].Summary.Concurrency))
            .OrderBy(s => s.Index).ShouldBe([(0, 6L, 2), (1, 5L, 1)]);
        var json = await File.ReadAllTextAsync(_temp.File("merged/summary.json"), TestContext.Current.CancellationToken);
        var merged = ReportWriter.ReadSummary(json);
        var phase = merged.Phases.ShouldHaveSingleItem();
        (phase.Summary.Sent, phase.Summary.Succeeded, phase.Summary.Failed, phase.Summary.Concurrency).ShouldBe((11L, 11L, 0L, 3));
        phase.Summary.OutputTokens.ShouldBe(11L * FakeFixture.ScriptedTokens);
        var ttft = PhaseMerger.Sum(shards.Select(s => s.Report.Phases[0].Histograms!), h => h.Ttft);
        phase.Summary.Ttft.ShouldBe(Percentiles.From(LogHistogram.FromSnapshot(ttft)));
        phase.Summary.Ttft.Count.ShouldBe(11);
        merged.Passed.ShouldBeTrue();
        var rows = await File.ReadAllLinesAsync(_temp.File("merged/samples.csv"), TestContext.Current.CancellationToken);
        rows[0].ShouldBe(MergedCsv.Header);
        rows.Skip(1).Select(r => r[..2]).ShouldBe([.. Enumerable.Repeat("0,", 6), .. Enumerable.Repeat("1,", 5)]);
        Directory.GetFiles(_temp.File("merged")).Select(Path.GetFileName).Order()
            .ShouldBe(["report.html", "report.md", "samples.csv", "summary.json"]);
    }

    [Fact]
    public async Task Merge_ShardsStartedAtDifferentTimes_ExitsTwo()
    {
        await using var fake = await FakeFixture.StartAsync();
        string[] Shard(int i, string startAt) =>
            ["--fake-url", fake.BaseAddress.ToString(), "-t", "fake", "-m", "steady", "-c", "2", "-d", "30s", "--warmup", "0s", "-n", "2",
             "--no-memory", "--no-live", "--reports", Reports, "--shard-index", $"{i}", "--shard-count", "2", "--start-at", startAt];

        (await InvokeAsync(Shard(0, "2025-10-26T17:21:21Z"))).Code.ShouldBe(LoadTestCommand.Passed);
        (await InvokeAsync(Shard(1, "2025-10-26T17:21:20Z"))).Code.ShouldBe(LoadTestCommand.Passed);
        var (code, error) = await InvokeAsync(["merge", .. Directory.GetDirectories(Reports).Order(), "--out", _temp.File("merged")]);

        code.ShouldBe(LoadTestCommand.BadInput);
        error.ShouldContain("--start-at is 2025-10-26T17:21:2");
        error.ShouldContain("these reports are not shards of one run.");
    }

    /// <summary>Runs the command line on the test clock; returns the exit code and what went to standard error.</summary>
    private async Task<(int Code, string Error)> InvokeAsync(string[] args)
    {
        var output = Console.Out;
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetOut(TextWriter.Null);
        Console.SetError(captured);
        try
        {
            var code = await LoadTestCommand.InvokeAsync(args, TestContext.Current.CancellationToken, _clock);
            return (code, captured.ToString());
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    }
}
