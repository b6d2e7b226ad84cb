using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamingHarness.Harness.Bench;

/// <summary>The side-by-side result as written to report.json, and its markdown table (report.md, console, docs/performance.md).</summary>
internal sealed record BenchReport(
    string Command,
    DateTimeOffset Started,
    string Machine,
    BenchSettings Settings,
    IReadOnlyList<BenchRow> Rows,
    IReadOnlyList<BenchStartup> Startups,
    IReadOnlyList<CapacityRow>? Capacity = null)
{
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{Command}` ({Started:yyyy-MM-dd HH:mm} UTC, {Machine})").AppendLine();
        md.AppendLine("| scenario | server | streams | tokens | tokens/s | server CPU µs/token | × floor | × anchor | target | met "
            + "| load avg (1/5/15 min) | note |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|---|---|---|");
        foreach (var r in Rows)
        {
            var target = r.TargetRatio is { } t ? string.Create(CultureInfo.InvariantCulture, $"≤ {t:0.00}×") : "";
            var met = r.Met switch { true => "yes", false => "no", null => "" };
            var anchor = r.RatioToAnchor is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a:0.00}× {r.Anchor}") : "";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Server} | {r.Streams} | {r.Tokens} | {r.TokensPerSecond:0} | {r.CpuMicrosPerToken:0.0} | "
                + $"{r.RatioToFloor:0.00} | {anchor} | {target} | {met} | {r.LoadAverage} | {r.Note} |");
        }

        if (Startups.Count > 0)
        {
            md.AppendLine().AppendLine("| fresh process | first answer after start (ms) | load avg (1/5/15 min) |")
                .AppendLine("|---|---:|---|");
            foreach (var s in Startups)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Server} | {s.FirstAnswerMilliseconds:0} | {s.LoadAverage} |");
            }
        }

        if (Capacity is { Count: > 0 } capacity)
        {
            md.AppendLine().Append(BenchCapacity.ToMarkdown(capacity));
        }

        return md.ToString();
    }

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.md"), "# Side-by-side: server CPU per token\n\n" + ToMarkdown());
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(this, BenchJsonContext.Default.BenchReport));
        return directory;
    }
}
