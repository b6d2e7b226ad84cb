namespace StreamingHarness.Client.Streaming;

/// <summary>
/// Opens the body of a 2xx answer for both upstream protocols' readers: a transport failure while opening it is a
/// broken connection, and the answer is disposed, since no reader will own it.
/// </summary>
internal static class ResponseBody
{
    public static async Task<Stream> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            response.Dispose();
            throw OllamaFailures.ConnectionBroke(ex, 0);
        }
    }
}
