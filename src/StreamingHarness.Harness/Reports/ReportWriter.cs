using System.Globalization;
using System.Text.Json;

namespace StreamingHarness.Harness.Reports;

/// <summary>Writes <c>reports/&lt;timestamp&gt;-&lt;name&gt;/</c>: report.html, report.md, samples.csv, summary.json.</summary>
internal static class ReportWriter
{
    /// <summary>Readable JSON: "≤" and "−" stay as they are instead of \u escapes.</summary>
    private static readonly ReportJsonContext Json = new(new System.Text.Json.JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static async Task<string> WriteAsync(string reportsRoot, RunResult result, CancellationToken cancellationToken)
    {
        var folder = CreateFolder(reportsRoot, result.Report.StartedAt, result.Report.Name);
        await WriteRenderedAsync(folder, result.Report, cancellationToken).ConfigureAwait(false);
        await CsvReport.WriteAsync(Path.Combine(folder, "samples.csv"), result.Samples, cancellationToken).ConfigureAwait(false);
        return folder;
    }

    /// <summary>summary.json, report.md and report.html of <paramref name="report"/> into <paramref name="folder"/>.</summary>
    public static async Task WriteRenderedAsync(string folder, RunReport report, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "summary.json"), Serialize(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), MarkdownReport.Render(report), cancellationToken)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), HtmlReport.Render(report), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The report as summary.json holds it.</summary>
    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Json.RunReport);

    /// <summary>A summary.json as written by <see cref="WriteRenderedAsync"/>.</summary>
    public static RunReport ReadSummary(string json) =>
        JsonSerializer.Deserialize(json, Json.RunReport) ?? throw new JsonException("summary.json holds null, not a report.");

    /// <summary>
    /// Creates <c>&lt;root&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;name&gt;</c> (with <c>-2</c>, <c>-3</c>... when taken) and returns it.
    /// </summary>
    public static string CreateFolder(string reportsRoot, DateTimeOffset startedAt, string name)
    {
        var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.Combine(reportsRoot, $"{stamp}-{Safe(name)}");
        for (var n = 2; Directory.Exists(folder); n++)
        {
            folder = Path.Combine(reportsRoot, $"{stamp}-{Safe(name)}-{n}");
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Letters, digits, '-', '_' and '.' as they are (a model's dots: relay-llama3.2); anything else is '-'.</summary>
    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')).TrimStart('.');
}
