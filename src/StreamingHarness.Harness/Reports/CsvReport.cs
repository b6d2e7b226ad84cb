using System.Globalization;
using System.Text;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Reports;

/// <summary>
/// samples.csv: one row per request, times in milliseconds from the run's start or the request's send; the added_*
/// columns and bursts when the request was joined to the fake's journal (<see cref="ServiceJoin"/>), empty otherwise.
/// </summary>
internal static class CsvReport
{
    public const string Header =
        "id,phase,model,concurrency,start_ms,queue_wait_ms,headers_ms,first_byte_ms,ttft_ms,e2e_ms,tpot_ms,output_tokens,tokens_are_chunks,"
            + "content_chunks,reported_tokens,itl_count,itl_mean_ms,itl_max_ms,bytes,added_ttft_ms,added_delay_p50_ms,added_delay_p99_ms,"
            + "added_delay_max_ms,bursts,outcome,detail";

    public static async Task WriteAsync(string path, IEnumerable<RequestSample> samples, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
        var line = new StringBuilder(256);
        foreach (var s in samples)
        {
            line.Clear();
            line.Append(s.Id).Append(',').Append(Quote(s.Phase)).Append(',').Append(Quote(s.Model)).Append(',').Append(s.Concurrency)
                .Append(',')
                .Append(Number(s.StartMs)).Append(',').Append(Number(s.QueueWaitMs)).Append(',').Append(Number(s.HeadersMs)).Append(',')
                .Append(Number(s.FirstByteMs)).Append(',').Append(Number(s.TtftMs)).Append(',').Append(Number(s.E2eMs)).Append(',')
                .Append(Number(s.TpotMs)).Append(',').Append(s.OutputTokens).Append(',').Append(s.TokensAreChunks ? "true" : "false")
                    .Append(',')
                .Append(s.ContentChunks).Append(',').Append(s.ReportedTokens).Append(',').Append(s.ItlCount).Append(',')
                    .Append(Number(s.ItlMeanMs)).Append(',')
                .Append(Number(s.ItlMaxMs)).Append(',').Append(s.Bytes).Append(',')
                .Append(Number(s.Added?.AddedTtftMs)).Append(',').Append(Number(s.Added?.P50Ms)).Append(',')
                    .Append(Number(s.Added?.P99Ms)).Append(',').Append(Number(s.Added?.MaxMs)).Append(',').Append(s.Added?.Bursts)
                    .Append(',').Append(s.Outcome.Label).Append(',')
                    .Append(Quote(s.Outcome.Detail));
            await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
