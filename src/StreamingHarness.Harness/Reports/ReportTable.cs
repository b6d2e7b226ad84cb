namespace StreamingHarness.Harness.Reports;

/// <summary>A titled table of text cells: built once from a report, rendered as Markdown, HTML and in the terminal.</summary>
internal sealed record ReportTable(
    string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string? Note = null);
