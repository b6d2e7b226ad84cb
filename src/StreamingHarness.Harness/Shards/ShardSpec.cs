using System.Globalization;

namespace StreamingHarness.Harness.Shards;

/// <summary>
/// Which share of a suite this process runs (<c>--shard-index</c> of <c>--shard-count</c>) and when the shards start
/// together (<c>--start-at</c>). Written into summary.json so that <c>merge</c> can check the shards belong together.
/// </summary>
internal sealed record ShardSpec(int Index, int Count, DateTimeOffset? StartAt)
{
    /// <summary>Checks the combination given on the command line; every mistake is a <see cref="FormatException"/>.</summary>
    public static ShardSpec? From(int? index, int? count, DateTimeOffset? startAt)
    {
        if (index is null && count is null)
        {
            return startAt is null ? null : new ShardSpec(0, 1, startAt);
        }

        if (index is not { } i || count is not { } n)
        {
            throw new FormatException("--shard-index and --shard-count go together: give both (e.g. --shard-index 0 --shard-count 4).");
        }

        if (n < 1)
        {
            throw new FormatException($"--shard-count: must be at least 1, got {n}.");
        }

        if (i < 0 || i >= n)
        {
            throw new FormatException($"--shard-index: must be from 0 to {n - 1} (--shard-count {n}), got {i}.");
        }

        return new ShardSpec(i, n, startAt);
    }

    /// <summary>This shard's share of <paramref name="total"/>: the quotient, plus one for the first (total mod count) shards.</summary>
    public long Share(long total) => (total / Count) + (Index < total % Count ? 1 : 0);

    /// <summary>How a shard's own report note begins (merge leaves these out of the merged report).</summary>
    public const string NotePrefix = "This report is shard ";

    public string Note(string suite) =>
        $"{NotePrefix}{Index} of {Count} of suite '{suite}': its load is this shard's share; `merge` combines the shards' reports. "
        + "Memory per open stream and the long stream do not run in a shard.";

    public string Describe() => StartAt is { } at
        ? string.Create(
            CultureInfo.InvariantCulture, $"shard {Index} of {Count}, phases aligned from {at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}")
        : $"shard {Index} of {Count}";

    /// <summary>
    /// This shard's share of <paramref name="total"/> (<paramref name="what"/>, for the error), which must leave every
    /// shard at least 1.
    /// </summary>
    public long ShareOfAtLeastOne(long total, string what)
    {
        // Every shard checks the same: the shard that would get 0 is not always the one that is asked.
        return total >= Count || total < 1 ? Share(total)
            : throw new FormatException($"{what} {total} cannot be split over {Count} shards: each shard needs at least 1.");
    }
}
