namespace StreamingHarness.Harness.Reports;

/// <summary>One line of a chart; <see cref="Dashed"/> tells a second measure of the same thing apart (heap vs working set).</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);
