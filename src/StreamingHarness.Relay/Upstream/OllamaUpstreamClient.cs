using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// Talks to Ollama: one pooled HTTP/1.1 client with the connect timeout on its handler, responses taken as soon as
/// their headers arrive, and retries (see <see cref="UpstreamRetryPipeline"/>) around getting those headers only.
/// </summary>
internal sealed class OllamaUpstreamClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly RelayMetrics _metrics;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public OllamaUpstreamClient(IOptions<RelayOptions> options, RelayMetrics metrics, TimeProvider time)
    {
        var upstream = options.Value.Upstream;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = upstream.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseCookies = false,
            AllowAutoRedirect = false,

            // A stream given up (client gone, deadline) must end upstream at once: by default HttpClient would drain
            // up to 1 MB for 2 s to reuse the connection, and a fast upstream would keep generating meanwhile.
            MaxResponseDrainSize = 0,
        };
        var baseUrl = upstream.BaseUrl.AbsoluteUri.EndsWith('/') ? upstream.BaseUrl : new Uri(upstream.BaseUrl.AbsoluteUri + "/");
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
        _metrics = metrics;
        _pipeline = UpstreamRetryPipeline.Create(options.Value.Retry, metrics, time);
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>
    /// Sends the request, retrying before any byte reached the client. Returns the last response whatever its status;
    /// throws when no response came (<see cref="HttpRequestException"/>, or cancellation by one of the deadlines).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? body, StreamDeadlines deadlines)
    {
        var context = ResilienceContextPool.Shared.Get(deadlines.Token);
        context.Properties.Set(UpstreamRetryPipeline.Deadlines, deadlines);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    state.self._metrics.UpstreamAttempt();
                    state.deadlines.StartAttempt();
                    using var request = new HttpRequestMessage(state.method, state.path);
                    if (state.body is { } bytes)
                    {
                        request.Content = new ReadOnlyMemoryContent(bytes) { Headers = { ContentType = JsonContentType } };
                    }

                    try
                    {
                        var response = await state.self._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (self: this, method, path, body, deadlines));
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A plain GET for the small JSON endpoints (tags, version, readiness), no retries.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) =>
        _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => _http.Dispose();
}
