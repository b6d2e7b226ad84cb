using System.Globalization;
using System.Net;
using System.Text;

namespace StreamingHarness.Harness.Verify;

/// <summary><c>report.md</c> and <c>report.html</c>: the matrix case → verdict → what was seen, readable at a glance.</summary>
internal static class VerifyMatrix
{
    public static string Markdown(VerifyReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"# verify: {report.Passed} passed, {report.Failed} failed")
            .AppendLine()
            .AppendLine($"Profile `{report.Profile}` against `{report.Target}`, {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.")
            .AppendLine()
            .AppendLine("| Case | Verdict | Tokens seen / expected | ms | Added TTFT ms | Added delay p50 / p99 / max ms | Bursts "
                + "| What was seen | Rule |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in report.Results)
        {
            text.AppendLine(
                $"| `{r.Case}` | {(r.Passed ? "pass" : "**FAIL**")} | {r.TokensSeen} / {r.TokensExpected} | {r.DurationMs} "
                + $"| {Figure(r.AddedTtftMs)} | {Delay(r)} | {r.Bursts?.ToString(CultureInfo.InvariantCulture) ?? "–"} "
                + $"| {Cell(r.Observed)} | {Cell(r.Expected)} |");
        }

        var timelines = report.Results.Where(r => r.Timeline is not null).ToList();
        if (timelines.Count > 0)
        {
            text.AppendLine().AppendLine("## Timelines (ms since the upstream received the request)").AppendLine();
            foreach (var r in timelines)
            {
                text.AppendLine($"- `{r.Case}`: {TimelineSvg.Text(r.Timeline!)}");
            }
        }

        return text.ToString();
    }

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\n"
        + "tr.pass td:nth-child(2){background:#d4f4d4}tr.fail td:nth-child(2){background:#f8d0d0;font-weight:bold}";

    public static string Html(VerifyReport report)
    {
        var rows = new StringBuilder();
        foreach (var r in report.Results)
        {
            rows.Append(CultureInvariant($"<tr class=\"{r.Verdict}\"><td><code>{E(r.Case)}</code></td><td>{E(r.Verdict)}</td>"))
                .Append(CultureInvariant($"<td>{r.TokensSeen} / {r.TokensExpected}</td><td>{r.DurationMs}</td>"))
                .Append(CultureInvariant($"<td>{Figure(r.AddedTtftMs)}</td><td>{Delay(r)}</td><td>{Figure(r.Bursts)}</td>"))
                .Append(CultureInvariant($"<td>{E(r.Observed)}</td><td>{E(r.Expected)}</td></tr>\n"));
            if (r.Timeline is { } timeline)
            {
                rows.Append("<tr><td></td><td colspan=\"8\">").Append(TimelineSvg.Render(timeline)).Append("</td></tr>\n");
            }
        }

        var started = $"{report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}";
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>verify: {{E(report.Profile)}} {{E(report.Target)}}</title>
            <style>{{Style}}</style></head>
            <body><h1>verify: {{report.Passed}} passed, {{report.Failed}} failed</h1>
            <p>Profile <code>{{E(report.Profile)}}</code> against <code>{{E(report.Target)}}</code>, {{started}} UTC.</p>
            <table><tr><th>Case</th><th>Verdict</th><th>Tokens seen / expected</th><th>ms</th><th>Added TTFT ms</th>
            <th>Added delay p50 / p99 / max ms</th><th>Bursts</th><th>What was seen</th><th>Rule</th></tr>
            {{rows}}</table></body></html>

            """;
    }

    private static string Figure(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>The added delay's p50 / p99 / max, or the cancel latency of <c>client-disconnect</c>.</summary>
    private static string Delay(CaseResult r) => r.AddedDelayMs is { } d
        ? $"{Figure(d.P50)} / {Figure(d.P99)} / {Figure(d.Max)}"
        : r.CancelLatencyMs is { } cancel ? $"cancel {Figure(cancel)}" : "–";

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
