using System.Net;
using System.Text;
using StreamingHarness.Hosting.WebAssets;

namespace StreamingHarness.Harness.Reports;

/// <summary>
/// report.html: one self-contained file (inline CSS and SVG, no scripts, nothing fetched), charts first, then every table.
/// </summary>
internal static class HtmlReport
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1600px}h1{font-size:22px}h2{font-size:17px;margin-top:28px}"
        + "table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}"
        + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.pass{color:#fff;background:#2a7;padding:2px "
            + "8px;border-radius:4px}"
        + ".fail{color:#fff;background:#c33;padding:2px 8px;border-radius:4px}.charts{display:flex;flex-wrap:wrap;gap:12px}.note{color:"
            + "#555;font-size:13px}"
        + "ul.meta{font-size:13px;color:#444}figure.uplot-chart{margin:0}figcaption{font-weight:bold;font-size:15px}"
        + "@media screen{svg.svg-fallback{display:none}}@media print{figure.uplot-chart{display:none}}";

    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(report.Name))
            .Append(" load report</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Load test: ").Append(E(report.Name)).Append(' ')
            .Append(report.Passed ? "<span class=\"pass\">" : "<span class=\"fail\">").Append(report.Verdict).Append("</span></h1>");
        html.Append("<p>").Append(E(report.Description)).Append("</p><ul class=\"meta\">");
        Meta(html, "started", report.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        Meta(html, "command", report.CommandLine);
        Meta(html, "machine", report.Machine);
        Meta(html, "targets", report.Targets);
        foreach (var note in report.Notes)
        {
            Meta(html, "note", note);
        }

        html.Append("</ul><h2>Charts</h2><div class=\"charts\">");
        foreach (var chart in ReportCharts.Build(report))
        {
            html.Append("<div>").Append(chart).Append("</div>");
        }

        html.Append("</div>");
        foreach (var table in ReportTables.Build(report))
        {
            html.Append("<h2>").Append(E(table.Title)).Append("</h2><table><tr>");
            foreach (var column in table.Columns)
            {
                html.Append("<th>").Append(E(column)).Append("</th>");
            }

            html.Append("</tr>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
            if (table.Note is { } note)
            {
                html.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
            }
        }

        html.Append("<h2>Method</h2><p class=\"note\">").Append(E(report.Method)).Append("</p>");
        // uPlot and the few lines that draw each chart with it, inlined: the report stays one file that opens offline.
        html.Append("<style>").Append(EmbeddedAsset.Text(typeof(EmbeddedAsset).Assembly, "uPlot.min.css")).Append("</style><script>")
            .Append(EmbeddedAsset.Text(typeof(EmbeddedAsset).Assembly, "uPlot.iife.min.js")).Append("</script><script>")
            .Append(EmbeddedAsset.Text(typeof(HtmlReport).Assembly, "report-charts.js")).Append("</script></body></html>");
        return html.ToString();
    }

    private static void Meta(StringBuilder html, string name, string value) =>
        html.Append("<li><b>").Append(E(name)).Append(":</b> ").Append(E(value)).Append("</li>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
