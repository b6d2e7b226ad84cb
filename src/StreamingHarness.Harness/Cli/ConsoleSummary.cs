using Spectre.Console;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Cli;

/// <summary>The summary printed at the end: the report's main tables, the verdict and where the report is.</summary>
internal static class ConsoleSummary
{
    private static readonly string[] Shown = ["Phases", "Relay overhead", "Memory per open stream", "Thresholds", "Faults", "Long stream"];

    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            // CI logs are not 80 columns wide: do not squeeze the summary tables.
            AnsiConsole.Profile.Width = 200;
        }
    }

    public static void Write(RunReport report, string folder)
    {
        foreach (var source in ReportTables.Build(report).Where(t => Shown.Any(s => t.Title.StartsWith(s, StringComparison.Ordinal))))
        {
            var table = new Table { Title = new TableTitle(Markup.Escape(source.Title)), Border = TableBorder.Rounded };
            var columns = source.Title == "Phases" ? [0, 3, 4, 5, 7, 8, 9, 10, 11, 12, 16, 17]
                : Enumerable.Range(0, source.Columns.Count).ToArray();
            foreach (var c in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(source.Columns[c])) { Alignment = c == 0 ? Justify.Left : Justify.Right });
            }

            foreach (var row in source.Rows)
            {
                table.AddRow([.. columns.Select(c => Markup.Escape(row[c]))]);
            }

            AnsiConsole.Write(table);
        }

        foreach (var source in report.Phases.Select(p => p.Summary.TokenSource).Distinct()
            .Where(t => t.StartsWith("chunks", StringComparison.Ordinal)))
        {
            AnsiConsole.MarkupLine($"[yellow]tokens counted from {Markup.Escape(source)}[/]");
        }

        AnsiConsole.MarkupLine(
            report.Interrupted ? "[yellow]INTERRUPTED[/]: a partial report of the phases that ran."
            : report.Passed ? "[green]PASSED[/]"
            : "[red]FAILED[/]: see the thresholds, faults and accounting above.");
        AnsiConsole.MarkupLine($"report: [link]{Markup.Escape(Path.Combine(folder, "report.html"))}[/]");
    }
}
