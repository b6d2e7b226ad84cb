using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Merge;

/// <summary>One report folder given to <c>merge</c>, with the summary.json read from it.</summary>
internal sealed record ShardReport(string Folder, RunReport Report)
{
    /// <summary>How the folder's figures are labelled once merged: its shard index, else its position among the folders.</summary>
    public string Label(int position) => Report.Shard is { Count: > 1 } shard ? $"shard {shard.Index}" : $"report {position}";
}
