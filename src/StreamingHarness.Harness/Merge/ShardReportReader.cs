using System.Text.Json;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Merge;

/// <summary>Reads the report folders given to <c>merge</c>; a folder without a readable summary.json is a precise error.</summary>
internal static class ShardReportReader
{
    public static async Task<IReadOnlyList<ShardReport>> ReadAsync(IEnumerable<string> folders, CancellationToken cancellationToken)
    {
        var reports = new List<ShardReport>();
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, "summary.json");
            if (!Directory.Exists(folder))
            {
                throw new FormatException($"{folder}: no such folder.");
            }

            if (!File.Exists(path))
            {
                throw new FormatException(
                    $"{folder}: no summary.json in it: give the report folders the shards wrote (reports/<timestamp>-<name>/).");
            }

            try
            {
                var report = ReportWriter.ReadSummary(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
                reports.Add(new ShardReport(Path.GetFullPath(folder), report));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}: not a harness summary ({ex.Message})", ex);
            }
        }

        return reports;
    }
}
