using System.Net.Http.Json;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The fake's own view of the streams it served (<c>/__fake/journal</c>): when it flushed each request's first line,
/// counted from the request's arrival. Client TTFT minus this is what the network, Kestrel and the harness add.
/// The journal keeps the most recent entries only (1,000 by default), so this covers the end of a phase.
/// </summary>
internal sealed class FakeJournalClient(HttpClient client, Uri fake)
{
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        using var response = await client.DeleteAsync(new Uri(fake, FakeAdminRoutes.Journal), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// From the completed streams in the journal: when each flushed its first line, and the gaps between its token
    /// lines as written (the last line, <c>done</c>, left out), as histograms in nanoseconds.
    /// </summary>
    public async Task<(LogHistogram FirstLine, LogHistogram Gaps)> ReadAsync(CancellationToken cancellationToken)
    {
        var firstLine = new LogHistogram();
        var gaps = new LogHistogram();
        foreach (var entry in await EntriesAsync(cancellationToken).ConfigureAwait(false))
        {
            var times = entry.LineTimesMs;
            if (entry.Status == 200 && times.Count > 0)
            {
                firstLine.Record((long)(times[0] * 1e6));
                for (var i = 1; i < times.Count - 1; i++)
                {
                    gaps.Record((long)((times[i] - times[i - 1]) * 1e6));
                }
            }
        }

        return (firstLine, gaps);
    }

    /// <summary>The journal's lines of every request that came with a trace id, by trace id (for <see cref="ServiceJoin"/>).</summary>
    public async Task<IReadOnlyDictionary<string, UpstreamLines>> UpstreamByTraceAsync(CancellationToken cancellationToken)
    {
        var byTrace = new Dictionary<string, UpstreamLines>(StringComparer.Ordinal);
        foreach (var entry in await EntriesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (TraceParents.TraceIdOf(entry.TraceParent) is { } traceId)
            {
                byTrace[traceId] = UpstreamLines.Of(entry);
            }
        }

        return byTrace;
    }

    private async Task<IReadOnlyList<JournalRecord>> EntriesAsync(CancellationToken cancellationToken) =>
        await client.GetFromJsonAsync(
                new Uri(fake, FakeAdminRoutes.Journal), FakeAdminJsonContext.Default.IReadOnlyListJournalRecord, cancellationToken)
            .ConfigureAwait(false)
        ?? [];
}
