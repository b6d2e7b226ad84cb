using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.RateLimiting;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Upstream;
using StreamingHarness.Relay.Validation;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Endpoints;

/// <summary>
/// The Ollama-compatible pass-through, so existing Ollama clients can point at the relay: the same bytes as
/// Ollama, plus the relay's timeouts, retries and in-band errors instead of silent truncation.
/// </summary>
internal static class OllamaApi
{
    private const string RunningText = "Ollama is running";

    public static IEndpointRouteBuilder MapOllamaApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], () => TypedResults.Text(RunningText, "text/plain; charset=utf-8"));

        var api = app.MapGroup("/api").RequireAuthorization(ApiKeyDefaults.PolicyName);
        if (OpenAiFacadeApi.IsEnabled(app))
        {
            api.MapOpenAiFacade();
            return app;
        }

        api.MapPost("/chat", (HttpContext context, CachingStreamRelay relay, IOptions<RelayOptions> options) =>
            RelayAsync(context, relay, options.Value, OllamaEndpoint.Chat)).RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapPost("/generate", (HttpContext context, CachingStreamRelay relay, IOptions<RelayOptions> options) =>
            RelayAsync(context, relay, options.Value, OllamaEndpoint.Generate)).RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapForward(HttpMethods.Get, "/tags");
        api.MapForward(HttpMethods.Get, "/version");
        api.MapForward(HttpMethods.Get, "/ps");
        api.MapForward(HttpMethods.Post, "/show");

        // Embeddings run the model, as chat and generate do, so they count against the same per-client limits.
        api.MapForward(HttpMethods.Post, "/embed").RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapForward(HttpMethods.Post, "/embeddings").RequireRateLimiting(StreamRateLimitPolicy.Name);
        return app;
    }

    private static RouteHandlerBuilder MapForward(this RouteGroupBuilder api, string method, string path) =>
        api.MapMethods(
            path,
            [method],
            (HttpContext context, OllamaUpstreamClient upstream, IOptions<RelayOptions> options, TimeProvider time) =>
                ForwardAsync(context, upstream, options.Value, time, method, "api" + path));

    private static async Task RelayAsync(HttpContext context, CachingStreamRelay relay, RelayOptions options, OllamaEndpoint endpoint)
    {
        if (await ReadBodyAsync(context, options) is { } body)
        {
            await relay.RelayAsync(context, new UpstreamRequest(endpoint, "", body), new NdjsonPassThroughFormat());
        }
    }

    /// <summary>The request body, or null once the client has been told it is over <c>MaxBodyBytes</c>.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpContext context, RelayOptions options)
    {
        var body = await RequestBodyReader.ReadAsync(context.Request, options.Requests.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await RefusalResponder.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                RelayErrorCodes.RequestTooLarge,
                "Request body too large",
                $"request body larger than {options.Requests.MaxBodyBytes} bytes");
        }

        return body;
    }

    /// <summary>
    /// The calls that answer at once (tags, version, ps, show, embed): Ollama's answer copied as it is, its errors
    /// included, within a short timeout of their own, not the generous first-token one. The body is not parsed here:
    /// Ollama's own 400 for bad JSON is the faithful answer, as on the chat pass-through.
    /// </summary>
    private static async Task ForwardAsync(
        HttpContext context, OllamaUpstreamClient upstream, RelayOptions options, TimeProvider time, string method, string path)
    {
        byte[]? body = null;
        if (HttpMethods.IsPost(method) && (body = await ReadBodyAsync(context, options)) is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(options.Upstream.MetadataTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        try
        {
            using var response = await upstream.SendOnceAsync(new HttpMethod(method), path, body, linked.Token);
            await UpstreamResponseCopier.CopyAsync(response, context.Response, linked.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException
            && !context.RequestAborted.IsCancellationRequested)
        {
            if (context.Response.HasStarted)
            {
                // Part of the answer is out: a broken connection, so the client cannot mistake it for the whole.
                context.Abort();
                return;
            }

            // The client learns which rule cut it off; the upstream's address and the socket error go to the log only.
            var detail = timeout.IsCancellationRequested
                ? $"the upstream did not answer /{path} within "
                    + $"{options.Upstream.MetadataTimeout.TotalSeconds:0.###} s (Relay:Upstream:MetadataTimeout)"
                : RelayFailure.Unreachable;
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OllamaApi)).LogWarning(
                ex, "Forwarding /{Path} (request {RequestId}) to {Upstream} failed", path, RequestId.For(context), upstream.BaseAddress);
            await RefusalResponder.WriteAsync(
                context, StatusCodes.Status502BadGateway, RelayErrorCodes.UpstreamUnavailable, "Upstream unavailable", detail);
        }
    }
}
