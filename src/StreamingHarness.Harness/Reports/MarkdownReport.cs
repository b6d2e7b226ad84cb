using System.Text;

namespace StreamingHarness.Harness.Reports;

/// <summary>report.md: the same tables as the HTML, for a pull request or a terminal.</summary>
internal static class MarkdownReport
{
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Load test: {report.Name} — {report.Verdict}").AppendLine();
        md.AppendLine(report.Description).AppendLine();
        md.AppendLine($"- started: {report.StartedAt:u}");
        md.AppendLine($"- command: `{report.CommandLine}`");
        md.AppendLine($"- machine: {report.Machine}");
        md.AppendLine($"- targets: {report.Targets}");
        foreach (var note in report.Notes)
        {
            md.AppendLine($"- note: {note}");
        }

        md.AppendLine();
        foreach (var table in ReportTables.Build(report))
        {
            md.AppendLine($"## {table.Title}").AppendLine();
            md.AppendLine("| " + string.Join(" | ", table.Columns.Select(Escape)) + " |");
            md.AppendLine("|" + string.Concat(table.Columns.Select(_ => "---|")));
            foreach (var row in table.Rows)
            {
                md.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
            }

            if (table.Note is { } note)
            {
                md.AppendLine().AppendLine(note);
            }

            md.AppendLine();
        }

        md.AppendLine("## Method").AppendLine().AppendLine(report.Method);
        return md.ToString();
    }

    private static string Escape(string cell) =>
        cell.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
