using System.Net;
using System.Net.Http.Headers;
using Polly;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Client.Transport;

/// <summary>
/// Talks HTTP to Ollama: one pooled client (its own, with the connect timeout on the socket handler, or yours),
/// responses taken as soon as their headers arrive, and retries (<see cref="RetryPipeline"/>) around getting those
/// headers only. Whatever goes wrong before an answer comes back is an <see cref="OllamaStreamException"/>.
/// </summary>
public sealed class OllamaTransport : IDisposable
{
    private const int ErrorBodyLimit = 16 * 1024;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Action? _onAttempt;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <param name="options">Where Ollama is, the connect timeout and the retry policy.</param>
    /// <param name="time">The clock of every deadline and backoff. Default: the system clock.</param>
    /// <param name="httpClient">Yours to keep (not disposed here); null builds one with
    /// <see cref="OllamaConnectionOptions.ConnectTimeout"/>.</param>
    /// <param name="onAttempt">Called before every attempt (metrics).</param>
    /// <param name="onRetry">Called before every retry (metrics).</param>
    public OllamaTransport(
        OllamaConnectionOptions options, TimeProvider? time = null, HttpClient? httpClient = null, Action? onAttempt = null,
        Action? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        _connectTimeout = options.ConnectTimeout;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? CreateHttpClient(options.BaseAddress, options.ConnectTimeout);
        _http.BaseAddress ??= WithTrailingSlash(options.BaseAddress);
        _pipeline = RetryPipeline.Create(options, _time, onRetry);
        _onAttempt = onAttempt;
        _authorization = string.IsNullOrEmpty(options.ApiKey) ? null : new AuthenticationHeaderValue("Bearer", options.ApiKey);
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>
    /// Sends a request, retrying while nothing has come back. Returns the last answer whatever its status. Throws
    /// <see cref="OllamaStreamException"/> when no answer came (<c>upstream_unavailable</c>, or the deadline that
    /// fired), <see cref="OperationCanceledException"/> when the caller cancelled.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, ReadOnlyMemory<byte>? body, OllamaStreamDeadlines deadlines)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var context = ResilienceContextPool.Shared.Get(deadlines.Token);
        context.Properties.Set(RetryPipeline.Deadlines, deadlines);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    state.self._onAttempt?.Invoke();
                    state.deadlines.StartAttempt();
                    using var request = new HttpRequestMessage(state.method, state.path);
                    request.Headers.Authorization = state.self._authorization;
                    if (state.body is { } bytes)
                    {
                        request.Content = new ReadOnlyMemoryContent(bytes) { Headers = { ContentType = JsonContentType } };
                    }

                    try
                    {
                        var response = await state.self._http.SendAsync(
                            request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (self: this, method, path, body, deadlines)).ConfigureAwait(false);

            return outcome.Exception switch
            {
                null => outcome.Result!,
                OperationCanceledException when deadlines.Token.IsCancellationRequested =>
                    throw (Exception?)deadlines.Classify()
                        ?? new OperationCanceledException("the caller cancelled the request", outcome.Exception, deadlines.Token),
                OperationCanceledException ex => throw OllamaFailures.Unavailable(
                    $"could not connect to the upstream at {BaseAddress} within {_connectTimeout.TotalSeconds:0.###} s", ex),
                var ex => throw OllamaFailures.Unavailable($"could not reach the upstream at {BaseAddress}: {ex.Message}", ex),
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A plain GET for the small JSON endpoints (tags, version, readiness), no retries.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) =>
        SendOnceAsync(HttpMethod.Get, path, body: null, cancellationToken);

    /// <summary>
    /// One request to an endpoint that answers at once (tags, version, show, ps, embed), no retries: its caller bounds
    /// it with one short timeout instead of the stream deadlines.
    /// </summary>
    public async Task<HttpResponseMessage> SendOnceAsync(
        HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = _authorization } };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The upstream's Retry-After as a delay, or null when it sent none.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response) => RetryPipeline.RetryAfter(response, _time);

    /// <summary>An error answer as the failure to report: status, Ollama's message (or the start of the body), Retry-After.</summary>
    public async Task<OllamaStreamException> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string message;
        try
        {
            message = await ReadErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }

        return OllamaFailures.UpstreamStatus(response.StatusCode, message, RetryAfter(response));
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>
    /// The message of an error body (<see cref="ErrorBody"/>: Ollama's or OpenAI's shape), or the start of whatever else
    /// it was.
    /// </summary>
    private static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var buffer = new byte[ErrorBodyLimit];
            var read = await body.ReadAtLeastAsync(buffer, ErrorBodyLimit, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            if (ErrorBody.MessageOf(buffer.AsSpan(0, read)) is { } message)
            {
                return message;
            }

            var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            return string.IsNullOrWhiteSpace(text) ? $"{(int)response.StatusCode} {response.ReasonPhrase}" : text.Trim();
        }
    }

    private static HttpClient CreateHttpClient(Uri baseAddress, TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseCookies = false,
            AllowAutoRedirect = false,

            // A stream given up (caller gone, deadline) must end upstream at once: by default HttpClient would drain
            // up to 1 MB for 2 s to reuse the connection, and a fast upstream would keep generating meanwhile.
            MaxResponseDrainSize = 0,
        };

        // Streams are bounded by the deadlines, not by HttpClient's 100 s default, which would cut long answers.
        return new HttpClient(handler) { BaseAddress = WithTrailingSlash(baseAddress), Timeout = Timeout.InfiniteTimeSpan };
    }

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
