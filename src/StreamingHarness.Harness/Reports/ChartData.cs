using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.Harness.Reports;

/// <summary>
/// A chart's numbers as JSON inside report.html, for the inlined uPlot to draw an interactive chart (values under the
/// cursor, zoom, series toggled from the legend) in place of the SVG. The SVG stays in the file: it is what a reader
/// without JavaScript, a print or a mail preview shows. uPlot wants one x array, so the series are aligned on the union
/// of their x values, with null where a series has no point.
/// </summary>
internal static class ChartData
{
    public static string Script(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX)
    {
        var kept = series.Select(s => s.Points.Where(p => !logX || p.X > 0).ToList()).ToList();
        double[] x = [.. kept.SelectMany(points => points.Select(p => p.X)).Distinct().Order()];
        var index = x.Select((value, i) => (value, i)).ToDictionary(e => e.value, e => e.i);
        var lines = series.Select((s, n) =>
        {
            var y = new double?[x.Length];
            foreach (var (px, py) in kept[n])
            {
                y[index[px]] = py;
            }

            return new ChartLine(s.Name, s.Dashed, y);
        }).ToList();
        // The default encoder escapes < and >, so no value can close the script element.
        var json = JsonSerializer.Serialize(new ChartSpec(title, xLabel, yLabel, logX, x, lines), ChartDataJsonContext.Default.ChartSpec);
        return $"<script type=\"application/json\" class=\"chart-data\">{json}</script>";
    }
}

internal sealed record ChartSpec(string Title, string XLabel, string YLabel, bool LogX, double[] X, IReadOnlyList<ChartLine> Series);

internal sealed record ChartLine(string Name, bool Dashed, double?[] Y);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChartSpec))]
internal sealed partial class ChartDataJsonContext : JsonSerializerContext;
