using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Tests.Shards;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Reports;

/// <summary>
/// summary.json is read by <c>merge</c>, CI and people's scripts: a fixed report, every section filled, serializes to the
/// exact bytes of <c>summary.golden.json</c> and reads back to the same bytes. Its report.md and report.html are pinned too.
/// </summary>
public sealed class SummaryJsonGoldenTests
{
    private static readonly string Golden = GoldenFile("summary.golden.json");

    [Fact]
    public void MarkdownAndHtml_FixedReport_RenderTheGoldenText()
    {
        Machine(MarkdownReport.Render(Fixed())).ShouldBe(GoldenText("report.golden.md", Machine(MarkdownReport.Render(Fixed()))));
        Machine(HtmlReport.Render(Fixed())).ShouldBe(GoldenText("report.golden.html", Machine(HtmlReport.Render(Fixed()))));
    }

    /// <summary>
    /// The golden text; with <c>UPDATE_GOLDEN=1</c> it is first rewritten from <paramref name="rendered"/>, for a change
    /// to the report that is meant (review the file's diff before committing it).
    /// </summary>
    private static string GoldenText(string name, string rendered)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenFile(name), rendered + "\n");
        }

        return Read(GoldenFile(name));
    }

    private static string GoldenFile(string name) => RepositoryRoot.Combine("tests", "StreamingHarness.Harness.Tests", "Reports", name);

    private static string Read(string path) => File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd('\n');

    /// <summary>The one machine-dependent sentence (the usage table's note) made the same everywhere.</summary>
    private static string Machine(string text) =>
        text.Replace($"this machine has {Environment.ProcessorCount}.", "this machine has N.", StringComparison.Ordinal).TrimEnd('\n');

    [Fact]
    public void Serialize_FixedReport_WritesTheGoldenBytes()
    {
        var json = ReportWriter.Serialize(Fixed());

        json.ShouldBe(File.ReadAllText(Golden).ReplaceLineEndings("\n").TrimEnd('\n'));
    }

    [Fact]
    public void ReadSummary_GoldenFile_WritesItBackUnchanged()
    {
        var golden = File.ReadAllText(Golden).ReplaceLineEndings("\n").TrimEnd('\n');

        ReportWriter.Serialize(ReportWriter.ReadSummary(golden)).ShouldBe(golden);
    }

    private static RunReport Fixed()
    {
        var phase = ShardReports.Record(
            [ShardReports.Ok(111_600_000, 1_234_567_000), ShardReports.Ok(90_000_000, 900_000_000), ShardReports.Failed()]);
        var report = ShardReports.Phase(phase) with
        {
            Usage = [new ProcessUsage("fake", 0.25, 4096, 409.6, 80.5, 12.25)],
        };
        var usage = new ProcessUsage("relay", 0.5, 8192, 819.2, 90.5, 20.75);
        return new RunReport
        {
            Name = "golden-shard-1-of-2",
            Suite = "golden",
            Description = "a fixed report: \"≤\" and \"−\" stay readable",
            StartedAt = new DateTimeOffset(2026, 12, 6, 10, 11, 12, TimeSpan.Zero),
            CommandLine = "streamingharness load --suite golden",
            Machine = "2 cores, Linux, .NET 10",
            Targets = "fake http://127.0.0.1:1",
            Method = "method",
            Phases = [report],
            ThroughputBinSeconds = 1,
            Throughput = [new RatePoint(0, 10, 1, 0), new RatePoint(1, 20.5, 2, 1)],
            Memory = [new MemoryPoint(0.5, "fake", 80.5, 12.25, 2, 25.5)],
            MemoryPerStream = new MemoryPerStreamResult(
                [new MemoryStep(0, "fake", 0, 1_000_000, 80_000_000), new MemoryStep(3, "fake", 3, 1_030_000, 80_100_000)],
                [new MemorySlope("fake", 10_000, 33_333.3, -12.5, null)],
                "memory method"),
            LongStream = new LongStreamResult(1000, "ok", [new LongStreamPoint(1.5, 500, 2_000_000, 90_000_000)], 1024, 2048, 1.5),
            Comparison = new ComparisonResult(1.5, 2.5, 0.25, 0.75, true, true, "rule", [usage], [usage], 10_000.5),
            Thresholds =
            [
                new ThresholdResult("ttft.p99 < 500ms", "measured", 111.6, true),
                new ThresholdResult("e2e.p50 < 1s", "measured", null, false),
            ],
            Faults = [new FaultCheck("no-such-model", ["http_404"], new SortedDictionary<string, long> { ["http_404"] = 3 }, 0, true)],
            Notes = ["first note", "second note"],
            Shard = new ShardSpec(1, 2, new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero)),
        };
    }
}
