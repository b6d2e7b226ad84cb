using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// The record mode's connection to the upstream: no proxy, no redirects, no decompression and no overall timeout (a
/// stream lasts as long as it lasts), so what the client gets is what the upstream sent.
/// </summary>
internal sealed class RecordingUpstream(RecordingOptions options) : IDisposable
{
    public RecordingOptions Options { get; } = options;

    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The upstream URL of a request: the upstream's own path prefix, if any, then the request's path and query.</summary>
    public Uri UrlFor(PathString path, QueryString query) => new(Options.Upstream.AbsoluteUri.TrimEnd('/') + path.Value + query.Value);

    /// <summary>
    /// Asks the upstream for <c>/api/version</c>: says what it is (or why it does not answer), and warms the connection
    /// and the proxy path so the first recording's offsets are not inflated by the recorder's own start-up.
    /// </summary>
    public async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var version = await Client.GetFromJsonAsync(
                UrlFor("/api/version", QueryString.Empty), ProtocolJson.Context.VersionResponse, timeout.Token);
            return $"Ollama {version?.Version} answers at {Options.Upstream}";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            return $"warning: {Options.Upstream} did not answer /api/version ({ex.Message}); requests will get 502 until it does";
        }
    }

    public void Dispose() => Client.Dispose();
}
