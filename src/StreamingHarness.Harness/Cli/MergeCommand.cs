using System.CommandLine;
using Spectre.Console;
using StreamingHarness.Harness.Merge;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Cli;

/// <summary>
/// <c>merge</c>: one report from the reports of N shards (or of several runs of one suite). Exit codes: 0 the merged
/// report passed, 1 it failed (a threshold judged on the merged figures, a fault check or the accounting), 2 bad
/// input (a folder without summary.json, reports that are not shards of one run).
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("reports")
        {
            Description = "Report folders the shards wrote (each holds summary.json and samples.csv).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder to write the merged report into (default: <timestamp>-<suite>-merged beside the first report folder).",
        };
        var command = new Command(
            "merge",
            "Merge the reports of the shards of one suite (load --shard-index i --shard-count N) into one: report.html, report.md, "
            + "samples.csv (every shard's rows, with a shard column) and summary.json. Percentiles come from the shards' histograms "
            + "added bucket by bucket, never averaged; counts and rates are summed and checked; thresholds are judged again on the "
            + "merged figures. Exit 0 passed, 1 failed, 2 bad input (a folder without summary.json, shards that disagree on suite, "
            + "phases, thresholds or shard count, a shard missing).")
        {
            folders,
            output,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(folders) ?? [], parse.GetValue(output), parse.Tokens.Select(t => t.Value), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string[] folders, string? output, IEnumerable<string> tokens, CancellationToken cancellationToken)
    {
        try
        {
            var shards = await ShardReportReader.ReadAsync(folders, cancellationToken).ConfigureAwait(false);
            var merged = ReportMerger.Merge(shards, "streamingharness " + string.Join(' ', tokens));
            var folder = output ?? ReportWriter.CreateFolder(
                Path.GetDirectoryName(shards[0].Folder) ?? ".", merged.StartedAt, merged.Suite + "-merged");
            if (shards.Any(s => Path.GetFullPath(folder) == s.Folder))
            {
                throw new FormatException($"--out {folder} is one of the folders being merged: write the merged report elsewhere.");
            }

            Directory.CreateDirectory(folder);
            await MergedCsv.WriteAsync(Path.Combine(folder, "samples.csv"), shards, cancellationToken).ConfigureAwait(false);
            await ReportWriter.WriteRenderedAsync(folder, merged, cancellationToken).ConfigureAwait(false);
            HarnessConsole.Configure();
            ConsoleSummary.Write(AnsiConsole.Console, merged, folder);
            return merged.Passed ? LoadTestCommand.Passed : LoadTestCommand.Failed;
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }
    }
}
