using System.Text;
using StreamingHarness.Harness.Reports;

namespace StreamingHarness.Harness.Merge;

/// <summary>
/// The merged samples.csv: every shard's rows, in shard order, behind one header that gains a first column,
/// <c>shard</c> (request ids count from 1 in every shard, so id alone no longer names a request).
/// </summary>
internal static class MergedCsv
{
    public const string Header = "shard," + CsvReport.Header;

    public static async Task WriteAsync(string path, IReadOnlyList<ShardReport> shards, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < shards.Count; i++)
        {
            var source = Path.Combine(shards[i].Folder, "samples.csv");
            if (!File.Exists(source))
            {
                throw new FormatException($"{shards[i].Folder}: no samples.csv in it.");
            }

            var label = shards[i].Report.Shard is { Count: > 1 } shard ? shard.Index : i;
            using var reader = new StreamReader(source, Encoding.UTF8);
            var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (header != CsvReport.Header)
            {
                throw new FormatException($"{source}: its header is not this harness's samples.csv header.");
            }

            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                // A quoted detail may hold a line break: a record ends where its quotes balance.
                var record = line;
                while (record.Count(c => c == '"') % 2 == 1
                    && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } more)
                {
                    record += "\n" + more;
                }

                await writer.WriteLineAsync($"{label},{record}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
