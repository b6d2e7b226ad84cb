using Microsoft.Extensions.Options;
using StreamingHarness.Client;
using StreamingHarness.Client.Transport;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// Talks to Ollama through the client library's <see cref="OllamaTransport"/> (pooled HTTP/1.1, connect timeout,
/// retries before the first token), set up from the relay's <see cref="UpstreamOptions"/> (the library's own settings
/// type) and counted in its metrics.
/// </summary>
internal sealed class OllamaUpstreamClient : IDisposable
{
    public OllamaUpstreamClient(IOptions<RelayOptions> options, RelayMetrics metrics, TimeProvider time)
    {
        Settings = options.Value.Upstream;
        Transport = new OllamaTransport(Settings, time, httpClient: null, metrics.UpstreamAttempt, metrics.UpstreamRetry);
    }

    public OllamaTransport Transport { get; }

    /// <summary>The relay's upstream settings: the client library's own type, bound from <c>Relay:Upstream</c>.</summary>
    public OllamaConnectionOptions Settings { get; }

    public Uri BaseAddress => Transport.BaseAddress;

    public UpstreamProtocol Protocol => Settings.Protocol;

    /// <summary>What <c>/readyz</c> asks: Ollama's version, or an OpenAI upstream's model list.</summary>
    public string ReadinessPath => Protocol == UpstreamProtocol.OpenAi ? "models" : "api/version";

    /// <summary>
    /// Sends the request, retrying before any byte reached the client. Returns the last response whatever its status;
    /// throws <see cref="OllamaStreamException"/> when no response came, <see cref="OperationCanceledException"/> when the client left.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? body, StreamDeadlines deadlines) =>
        Transport.SendAsync(method, path, body, deadlines.Core);

    /// <summary>A plain GET for the small JSON endpoints (tags, version, readiness), no retries.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) =>
        Transport.GetAsync(path, cancellationToken);

    /// <summary>One request to an endpoint that answers at once (show, ps, embed), no retries.</summary>
    public Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken) =>
        Transport.SendOnceAsync(method, path, body, cancellationToken);

    public void Dispose() => Transport.Dispose();
}
