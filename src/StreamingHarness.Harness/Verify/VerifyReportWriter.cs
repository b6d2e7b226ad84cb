using System.Text.Encodings.Web;
using System.Text.Json;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Verify;

/// <summary>Writes <c>reports/&lt;timestamp&gt;-verify/</c>: verify.json, junit.xml, report.md, report.html.</summary>
internal static class VerifyReportWriter
{
    private static readonly VerifyJsonContext Json = new(new JsonSerializerOptions(VerifyJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static async Task<string> WriteAsync(string reportsRoot, VerifyReport report, CancellationToken cancellationToken)
    {
        var folder = ReportWriter.CreateFolder(reportsRoot, report.StartedAt, "verify");
        await File.WriteAllTextAsync(
            Path.Combine(folder, "verify.json"), JsonSerializer.Serialize(report, Json.VerifyReport), cancellationToken)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "junit.xml"), JUnitReport.Render(report), cancellationToken)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), VerifyMatrix.Markdown(report), cancellationToken)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), VerifyMatrix.Html(report), cancellationToken)
            .ConfigureAwait(false);
        return folder;
    }
}
