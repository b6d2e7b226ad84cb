namespace StreamingHarness.Testing.RawHttp;

/// <summary>One request, one fresh connection, the whole exchange back. Fails with what arrived if it hangs.</summary>
public static class RawHttpClient
{
    /// <summary>Long enough for any scenario under a test time scale; only ever reached when something hangs.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public static async Task<RawHttpResponse> SendAsync(Uri baseAddress, RawHttpRequest request, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? DefaultDeadline);
        await using var connection = await RawHttpConnection.ConnectAsync(baseAddress, cts.Token);
        await connection.SendAsync(request, cts.Token);
        try
        {
            return await connection.ReadToEndAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{request.Method} {request.Path}: no end of response after {deadline ?? DefaultDeadline} ({connection.Elapsed} since the "
                + $"request).");
        }
    }
}
