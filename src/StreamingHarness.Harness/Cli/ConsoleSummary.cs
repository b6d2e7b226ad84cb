using Spectre.Console;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Cli;

/// <summary>The summary printed at the end: the report's main tables, the verdict and where the report is.</summary>
internal static class ConsoleSummary
{
    private static readonly string[] Shown = ["Phases", "Relay overhead", "Memory per open stream", "Thresholds", "Faults", "Long stream"];

    // Phases in the terminal: the report's most telling columns, most useful first (ConsoleTableFit drops from the end):
    // phase, ok, failed, TTFT p50/p99, ITL p50, tokens/s, req/s, ITL p99, accounting, sent, harness lag p50.
    private static readonly int[] PhaseColumns = [0, 4, 5, 9, 10, 11, 8, 7, 12, 17, 3, 16];

    public static void Write(IAnsiConsole console, RunReport report, string folder)
    {
        foreach (var source in ReportTables.Build(report).Where(t => Shown.Any(s => t.Title.StartsWith(s, StringComparison.Ordinal))))
        {
            var priority = source.Title == "Phases" ? PhaseColumns : [.. Enumerable.Range(0, source.Columns.Count)];
            var table = new Table { Title = new TableTitle(Markup.Escape(source.Title)), Border = TableBorder.Rounded };
            var columns = ConsoleTableFit.Columns(source, priority, console.Profile.Width);
            foreach (var (c, width) in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(source.Columns[c]))
                {
                    Alignment = c == 0 ? Justify.Left : Justify.Right,
                    Width = width,
                });
            }

            foreach (var row in source.Rows)
            {
                table.AddRow([.. columns.Select(c => Markup.Escape(row[c.Column]))]);
            }

            console.Write(table);
            if (columns.Count < priority.Length)
            {
                console.WriteLine($"({priority.Length - columns.Count} more columns in the report; a wider terminal shows them)");
            }
        }

        foreach (var source in report.Phases.Select(p => p.Summary.TokenSource).Distinct()
            .Where(t => t.StartsWith("chunks", StringComparison.Ordinal)))
        {
            console.MarkupLine($"[yellow]tokens counted from {Markup.Escape(source)}[/]");
        }

        console.MarkupLine(
            report.Interrupted ? "[yellow]INTERRUPTED[/]: a partial report of the phases that ran."
            : report.Passed ? "[green]PASSED[/]"
            : "[red]FAILED[/]: see the thresholds, faults and accounting above.");
        console.MarkupLine($"report: [link]{Markup.Escape(Path.Combine(folder, "report.html"))}[/]");
    }
}
