using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.RateLimiting;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Upstream;
using StreamingHarness.Relay.Validation;

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
        api.MapPost("/chat", (HttpContext context, StreamRelay relay, IOptions<RelayOptions> options) =>
            RelayAsync(context, relay, options.Value, OllamaEndpoint.Chat)).RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapPost("/generate", (HttpContext context, StreamRelay relay, IOptions<RelayOptions> options) =>
            RelayAsync(context, relay, options.Value, OllamaEndpoint.Generate)).RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapGet("/tags", (HttpContext context, OllamaUpstreamClient upstream, IOptions<RelayOptions> options, TimeProvider time) =>
            ForwardGetAsync(context, upstream, options.Value, time, "api/tags"));
        api.MapGet("/version", (HttpContext context, OllamaUpstreamClient upstream, IOptions<RelayOptions> options, TimeProvider time) =>
            ForwardGetAsync(context, upstream, options.Value, time, "api/version"));
        return app;
    }

    private static async Task RelayAsync(HttpContext context, StreamRelay relay, RelayOptions options, OllamaEndpoint endpoint)
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
            return;
        }

        await relay.RelayAsync(context, new UpstreamRequest(endpoint, "", body), new NdjsonPassThroughFormat());
    }

    /// <summary>Tags and version answer at once: a short timeout of their own, not the generous first-token one.</summary>
    private static async Task ForwardGetAsync(
        HttpContext context, OllamaUpstreamClient upstream, RelayOptions options, TimeProvider time, string path)
    {
        using var timeout = new CancellationTokenSource(options.Upstream.MetadataTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        try
        {
            using var response = await upstream.GetAsync(path, linked.Token);
            await UpstreamResponseCopier.CopyAsync(response, context.Response, linked.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                var detail = timeout.IsCancellationRequested
                    ? $"the upstream at {upstream.BaseAddress} did not answer /{path} within "
                        + $"{options.Upstream.MetadataTimeout.TotalSeconds:0.###} s (Relay:Upstream:MetadataTimeout)"
                    : $"could not reach the upstream at {upstream.BaseAddress}: {ex.Message}";
                await RefusalResponder.WriteAsync(
                    context, StatusCodes.Status502BadGateway, RelayErrorCodes.UpstreamUnavailable, "Upstream unavailable", detail);
            }
        }
    }
}
