using System.Text.Json;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Targets;

/// <summary>
/// The fake's own view of the streams it served (<c>/__fake/journal</c>): when it flushed each request's first line,
/// counted from the request's arrival. Client TTFT minus this is what the network, Kestrel and the harness add.
/// The journal keeps the most recent entries only (1,000 by default), so this covers the end of a phase.
/// </summary>
internal sealed class FakeJournalClient(HttpClient client, Uri fake)
{
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        using var response = await client.DeleteAsync(new Uri(fake, "/__fake/journal"), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// From the completed streams in the journal: when each flushed its first line, and the gaps between its token
    /// lines as written (the last line, <c>done</c>, left out), as histograms in nanoseconds.
    /// </summary>
    public async Task<(LogHistogram FirstLine, LogHistogram Gaps)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var body = await client.GetStreamAsync(new Uri(fake, "/__fake/journal"), cancellationToken).ConfigureAwait(false);
        using var journal = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var firstLine = new LogHistogram();
        var gaps = new LogHistogram();
        foreach (var entry in journal.RootElement.EnumerateArray())
        {
            if (entry.TryGetProperty("status", out var status) && status.GetInt32() == 200
                && entry.TryGetProperty("line_times_ms", out var times) && times.GetArrayLength() > 0)
            {
                firstLine.Record((long)(times[0].GetDouble() * 1e6));
                for (var i = 1; i < times.GetArrayLength() - 1; i++)
                {
                    gaps.Record((long)((times[i].GetDouble() - times[i - 1].GetDouble()) * 1e6));
                }
            }
        }

        return (firstLine, gaps);
    }

    /// <summary>The journal's lines of every request that came with a trace id, by trace id (for <see cref="ServiceJoin"/>).</summary>
    public async Task<IReadOnlyDictionary<string, UpstreamLines>> UpstreamByTraceAsync(CancellationToken cancellationToken)
    {
        await using var body = await client.GetStreamAsync(new Uri(fake, "/__fake/journal"), cancellationToken).ConfigureAwait(false);
        using var journal = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var byTrace = new Dictionary<string, UpstreamLines>(StringComparer.Ordinal);
        foreach (var entry in journal.RootElement.EnumerateArray())
        {
            if (entry.TryGetProperty("traceparent", out var header) && header.ValueKind == JsonValueKind.String
                && TraceParents.TraceIdOf(header.GetString()) is { } traceId)
            {
                byTrace[traceId] = UpstreamLines.Of(entry);
            }
        }

        return byTrace;
    }
}
