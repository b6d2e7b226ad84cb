using System.Globalization;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The successful requests of a phase whose server count was not credible (zero, or far from the content chunks
/// seen): how many, what the server said in total and what arrived in total. Their tokens are the chunks.
/// </summary>
internal sealed record TokenCountDisagreement(long Requests, long ServerCount, long ContentChunks)
{
    public static TokenCountDisagreement? From(IEnumerable<RequestSample> samples)
    {
        long requests = 0, server = 0, chunks = 0;
        foreach (var sample in samples)
        {
            if (sample.Outcome.IsOk && sample.TokenSource == TokenCountSource.ChunksCountDisagrees)
            {
                requests++;
                server += sample.ReportedTokens ?? 0;
                chunks += sample.ContentChunks;
            }
        }

        return requests == 0 ? null : new TokenCountDisagreement(requests, server, chunks);
    }

    /// <summary>
    /// For the reports' token-source line, e.g. "chunks: in 4 of 4 requests the server counted 0 tokens for 1,540 content chunks".
    /// </summary>
    public string Describe(long succeeded) => string.Create(
        CultureInfo.InvariantCulture,
        $"chunks where the server's count disagreed: in {Requests:#,0} of {succeeded:#,0} requests the server counted {ServerCount:#,0} "
        + $"tokens for {ContentChunks:#,0} content chunks");
}
