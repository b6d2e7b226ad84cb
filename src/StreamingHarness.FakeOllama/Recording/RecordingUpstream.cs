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

    public void Dispose() => Client.Dispose();
}
