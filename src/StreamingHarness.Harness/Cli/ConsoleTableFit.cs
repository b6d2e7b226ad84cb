using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Cli;

/// <summary>
/// Which columns of a table the terminal shows, and how wide: as many as fit, the least useful dropped first, each as
/// wide as its widest cell, so that no cell is ever cut ("111." / "6 ms"); only headers wrap, between words.
/// Spectre.Console would otherwise shrink every column of a wide table until numbers break.
/// </summary>
internal static class ConsoleTableFit
{
    // A column's padding (one space each side) and its border line; the table's closing border is one more.
    private const int PaddingAndBorder = 3;

    /// <param name="table">The report's table.</param>
    /// <param name="priority">Column indices, most useful first; the first is always shown.</param>
    /// <param name="width">The console's width in characters.</param>
    /// <returns>The chosen columns in the table's own order, each with its content width.</returns>
    public static IReadOnlyList<(int Column, int Width)> Columns(ReportTable table, IReadOnlyList<int> priority, int width)
    {
        var needed = priority.ToDictionary(c => c, c => ContentWidth(table, c));
        var shown = priority.Count;
        while (shown > 1 && 1 + priority.Take(shown).Sum(c => needed[c] + PaddingAndBorder) > width)
        {
            shown--;
        }

        return [.. priority.Take(shown).Order().Select(c => (c, needed[c]))];
    }

    /// <summary>The widest cell, or the header's longest word if that is wider.</summary>
    private static int ContentWidth(ReportTable table, int column) =>
        table.Columns[column].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length)
            .Concat(table.Rows.Select(r => r[column].Length))
            .DefaultIfEmpty(1)
            .Max();
}
