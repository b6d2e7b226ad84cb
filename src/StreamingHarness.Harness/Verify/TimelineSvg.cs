using System.Globalization;
using System.Text;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// A case's timeline as a small inline SVG: the fake's sends on the upper rail, the client's arrivals on the lower
/// one, a line from each token's send to its arrival (slanted lines are added delay; many lines meeting at one point
/// are a burst). Time runs left to right from the fake receiving the request.
/// </summary>
internal static class TimelineSvg
{
    private const int Width = 640;
    private const int Height = 84;
    private const int Left = 70;
    private const int Right = 16;
    private const int SentY = 24;
    private const int ArrivedY = 62;
    private const string LinkStyle = "stroke=\"#1f77b4\" stroke-opacity=\"0.5\"";

    public static string Render(CaseTimeline timeline)
    {
        var end = Math.Max(1, Math.Max(timeline.SentMs.DefaultIfEmpty(0).Max(), timeline.ArrivedMs.DefaultIfEmpty(0).Max()));
        double X(double ms) => Left + (Math.Max(0, ms) / end * (Width - Left - Right));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" ")
            .Append(CultureInfo.InvariantCulture, $"width=\"{Width}\" height=\"{Height}\" role=\"img\">")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{SentY + 4}\" font-size=\"11\">upstream</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{ArrivedY + 4}\" font-size=\"11\">client</text>")
            .Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{SentY}\" x2=\"{Width - Right}\" y2=\"{SentY}\" stroke=\"#ccc\"/>")
            .Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{ArrivedY}\" x2=\"{Width - Right}\" y2=\"{ArrivedY}\" stroke=\"#ccc\"/>");
        for (var i = 0; i < timeline.SentMs.Count; i++)
        {
            var (sent, arrived) = (X(timeline.SentMs[i]), X(timeline.ArrivedMs[i]));
            svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{sent:0.#}\" y1=\"{SentY}\" x2=\"{arrived:0.#}\" y2=\"{ArrivedY}\" {LinkStyle}/>")
                .Append(CultureInfo.InvariantCulture, $"<circle cx=\"{sent:0.#}\" cy=\"{SentY}\" r=\"2.5\" fill=\"#2ca02c\"/>")
                .Append(CultureInfo.InvariantCulture, $"<circle cx=\"{arrived:0.#}\" cy=\"{ArrivedY}\" r=\"2.5\" fill=\"#d62728\"/>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 4}\" font-size=\"10\">0 ms</text>")
            .Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width - Right}\" y=\"{Height - 4}\" font-size=\"10\" text-anchor=\"end\">{end:0} ms</text>")
            .Append("</svg>");
        return svg.ToString();
    }

    /// <summary>For report.md: the first tokens' send and arrival times, in milliseconds.</summary>
    public static string Text(CaseTimeline timeline, int limit = 12)
    {
        static string List(IEnumerable<double> values) =>
            string.Join(" · ", values.Select(v => v.ToString("0.#", CultureInfo.InvariantCulture)));
        var more = timeline.SentMs.Count > limit ? $" … ({timeline.SentMs.Count} tokens)" : "";
        return $"sent {List(timeline.SentMs.Take(limit))}{more}; arrived {List(timeline.ArrivedMs.Take(limit))}{more}";
    }
}
