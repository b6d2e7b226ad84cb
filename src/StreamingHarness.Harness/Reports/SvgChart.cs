using System.Globalization;
using System.Net;
using System.Text;

namespace StreamingHarness.Harness.Reports;

/// <summary>
/// A line chart as inline SVG, so report.html needs nothing from the internet: axes with round ticks (linear or
/// log10 on x), one coloured line per series with point markers, a legend.
/// </summary>
internal static class SvgChart
{
    private const int Width = 760;
    private const int Height = 320;
    private const int Left = 70;
    private const int Right = 170;
    private const int Top = 36;
    private const int Bottom = 48;
    private static readonly double[] Steps = [1, 2, 5, 10];
    private static readonly double[] LogSteps = [1, 2, 5];
    private static readonly string[] Colors = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX = false)
    {
        var all = series.SelectMany(s => s.Points).Where(p => !logX || p.X > 0).ToList();
        var svg = new StringBuilder();
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" "
            + $"role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"15\" font-weight=\"bold\">{Esc(title)}</text>");
        if (all.Count == 0)
        {
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<text x=\"{Left}\" y=\"{Height / 2}\" font-size=\"13\" fill=\"#666\">no data</text></svg>");
            return svg.ToString();
        }

        var (x0, x1) = Range(all.Select(p => logX ? Math.Log10(p.X) : p.X), forceZero: false);
        var (y0, y1) = Range(all.Select(p => p.Y), forceZero: true);
        double Px(double x) => Left + ((logX ? Math.Log10(x) : x) - x0) / (x1 - x0) * (Width - Left - Right);
        double Py(double y) => Height - Bottom - (y - y0) / (y1 - y0) * (Height - Top - Bottom);

        svg.Append(
            CultureInfo.InvariantCulture,
            $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fafafa\" "
            + $"stroke=\"#ccc\"/>");
        foreach (var tick in Ticks(y0, y1))
        {
            var y = Py(tick);
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e4e4e4\"/><text x=\"{Left - 6}\" "
                + $"y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{Label(tick)}</text>");
        }

        foreach (var tick in logX ? LogTicks(x0, x1) : Ticks(x0, x1))
        {
            var x = logX ? Px(tick) : Left + (tick - x0) / (x1 - x0) * (Width - Left - Right);
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/><text x=\"{x:0.#}\" "
                + $"y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{Label(tick)}</text>");
        }

        svg.Append(
            CultureInfo.InvariantCulture,
            $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" font-size=\"12\" text-anchor=\"middle\">{Esc(xLabel)}</text>");
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 "
            + $"{(Top + Height - Bottom) / 2})\">{Esc(yLabel)}</text>");
        for (var i = 0; i < series.Count; i++)
        {
            var color = Colors[i % Colors.Length];
            var points = series[i].Points.Where(p => !logX || p.X > 0).ToList();
            var path = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Px(p.X):0.##},{Py(p.Y):0.##}")));
            var dash = series[i].Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{path}\"/>");
            if (points.Count <= 60)
            {
                foreach (var p in points)
                {
                    svg.Append(
                        CultureInfo.InvariantCulture,
                        $"<circle cx=\"{Px(p.X):0.##}\" cy=\"{Py(p.Y):0.##}\" r=\"2.5\" fill=\"{color}\"/>");
                }
            }

            var ly = Top + 8 + (i * 18);
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<line x1=\"{Width - Right + 10}\" x2=\"{Width - Right + 30}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{color}\" "
                + $"stroke-width=\"3\"{dash}/><text x=\"{Width - Right + 35}\" y=\"{ly + 4}\" "
                + $"font-size=\"11\">{Esc(series[i].Name)}</text>");
        }

        return svg.Append("</svg>").Append(ChartData.Script(title, xLabel, yLabel, series, logX)).ToString();
    }

    private static (double Low, double High) Range(IEnumerable<double> values, bool forceZero)
    {
        var list = values.ToList();
        var low = forceZero ? Math.Min(0, list.Min()) : list.Min();
        var high = list.Max();
        if (high - low < 1e-9)
        {
            high = low + (Math.Abs(low) > 0 ? Math.Abs(low) * 0.1 : 1);
            low = forceZero ? low : low - (high - low);
        }

        return (low, high + ((high - low) * 0.05));
    }

    private static IEnumerable<double> Ticks(double low, double high)
    {
        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Steps.Select(m => m * magnitude).First(s => s >= raw);
        for (var t = Math.Ceiling(low / step) * step; t <= high + (step * 1e-9); t += step)
        {
            yield return Math.Round(t, 10);
        }
    }

    /// <summary>1, 2, 5 × powers of ten inside a log10 range; round linear ticks when the range is too narrow for them.</summary>
    private static List<double> LogTicks(double logLow, double logHigh)
    {
        var ticks = new List<double>();
        for (var e = Math.Floor(logLow); e <= Math.Ceiling(logHigh); e++)
        {
            foreach (var m in LogSteps)
            {
                var v = m * Math.Pow(10, e);
                if (Math.Log10(v) >= logLow && Math.Log10(v) <= logHigh)
                {
                    ticks.Add(v);
                }
            }
        }

        return ticks.Count >= 3 ? ticks : [.. Ticks(Math.Pow(10, logLow), Math.Pow(10, logHigh)).Where(t => t > 0)];
    }

    private static string Label(double value) => Math.Abs(value) switch
    {
        >= 1e6 => (value / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 1 or 0 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
