using Shouldly;
using Spectre.Console;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Tests.Shards;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Cli;

/// <summary>The summary in a terminal and in a log: plain when redirected, whole numbers in 80 columns, units everywhere.</summary>
public sealed class ConsoleSummaryTests
{
    [Fact]
    public void Write_Redirected_IsPlainTextWithoutColoursOrLinks()
    {
        using var output = new StringWriter();
        var console = HarnessConsole.Create(output, redirected: true, noColor: null);

        ConsoleSummary.Write(console, Report(), "/reports/x");

        output.ToString().ShouldNotContain("\u001b");
        output.ToString().ShouldContain("PASSED\nreport: /reports/x/report.html\n");
        console.Profile.Width.ShouldBe(HarnessConsole.RedirectedWidth);
    }

    [Fact]
    public void Create_NoColorInATerminal_HasNoColoursAndNoLinks()
    {
        using var output = new StringWriter();

        var console = HarnessConsole.Create(output, redirected: false, noColor: "1");

        console.Profile.Capabilities.ColorSystem.ShouldBe(ColorSystem.NoColors);
        console.Profile.Capabilities.Links.ShouldBeFalse();
    }

    [Fact]
    public void Write_80Columns_EveryLineFitsAndNoNumberIsBroken()
    {
        using var output = new StringWriter();
        var console = HarnessConsole.Create(output, redirected: true, noColor: null);
        console.Profile.Width = 80;

        ConsoleSummary.Write(console, Report(), "/reports/x");

        var lines = output.ToString().Split('\n');
        lines.ShouldAllBe(l => l.Length <= 80);
        var phases = ReportTables.Build(Report()).Single(t => t.Title == "Phases").Rows[0];
        output.ToString().ShouldContain(phases[9]);
        output.ToString().ShouldContain(phases[10]);
        output.ToString().ShouldContain("more columns in the report");
    }

    [Fact]
    public void Build_Thresholds_MeasuredHasItsUnit()
    {
        var thresholds = ReportTables.Build(Report()).Single(t => t.Title == "Thresholds");

        thresholds.Rows.ShouldBe(
        [
            ["ttft.p99 < 500ms", "measured", "111.6 ms", "pass"],
            ["error_rate <= 0", "measured", "0 of requests", "pass"],
            ["tokens_per_s >= 10", "measured", "1,234 tokens/s", "pass"],
        ]);
    }

    [Fact]
    public void CreateFolder_ModelWithDots_KeepsThem()
    {
        using var reports = new TempFolder();

        var folder = ReportWriter.CreateFolder(reports.Path, DateTimeOffset.UnixEpoch, "relay-llama3.2");

        Path.GetFileName(folder).ShouldBe("19700101-000000-relay-llama3.2");
    }

    private static RunReport Report()
    {
        var phase = ShardReports.Record(Enumerable.Range(0, 20).Select(_ => ShardReports.Ok(111_600_000, 1_234_567_000)));
        return new RunReport
        {
            Name = "relay-llama3.2",
            Suite = "relay-llama3.2",
            Description = "test",
            StartedAt = DateTimeOffset.UnixEpoch,
            CommandLine = "test",
            Machine = "machine",
            Targets = "targets",
            Method = "method",
            Phases = [ShardReports.Phase(phase)],
            ThroughputBinSeconds = 1,
            Throughput = [],
            Memory = [],
            Thresholds =
            [
                new ThresholdResult("ttft.p99 < 500ms", "measured", 111.6, true),
                new ThresholdResult("error_rate <= 0", "measured", 0, true),
                new ThresholdResult("tokens_per_s >= 10", "measured", 1234, true),
            ],
            Faults = [],
            Notes = [],
        };
    }
}
