using System.CommandLine;
using System.Globalization;

namespace StreamingHarness.Harness.Cli;

/// <summary>
/// The options that make a run one shard of a suite spread over processes or machines (docs/load.md, "Load beyond one
/// machine").
/// </summary>
internal sealed class ShardCliOptions
{
    public Option<int?> Index { get; } = new("--shard-index")
    {
        Description = "Run the share of the suite numbered this (0 to --shard-count − 1), "
            + "e.g. $JOB_COMPLETION_INDEX in a Kubernetes Indexed Job.",
    };

    public Option<int?> Count { get; } = new("--shard-count")
    {
        Description = "How many shards share the suite: concurrency and request caps are split (remainder to the lowest indices), "
            + "the open loop's rate divided, the seed offset by the index. Merge their reports with 'merge'.",
    };

    public Option<DateTimeOffset?> StartAt { get; } = new("--start-at")
    {
        Description = "UTC time every shard starts at (e.g. 2026-11-30T10:00:00Z); each phase then starts at its aligned offset. "
            + "Rejected when already more than 10 s in the past.",
        CustomParser = ParseUtc,
    };

    public IEnumerable<Option> All => [Index, Count, StartAt];

    private static DateTimeOffset? ParseUtc(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        result.AddError($"--start-at: '{text}' is not a time; write UTC as ISO 8601, e.g. 2026-11-30T10:00:00Z.");
        return null;
    }
}
