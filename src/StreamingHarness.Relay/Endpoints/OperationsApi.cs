using StreamingHarness.Hosting.Diagnostics;
using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Hosting;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Upstream;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Endpoints;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the upstream answers), always anonymous; <c>/metrics</c>
/// (a key only with <c>Relay:Auth:MetricsRequireKey</c>); <c>/__stats</c> (a key whenever keys are on).
/// </summary>
internal static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok\n", "text/plain; charset=utf-8"));
        app.MapGet("/readyz", ReadyAsync);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(ApiKeyDefaults.MetricsPolicyName);

        // ?gc=true forces full collections, which slow every stream: with keys on, only a key holder may ask.
        app.MapGet("/__stats", (RelayMetrics metrics, bool? gc) =>
            TypedResults.Json(ProcessStatsCapture.Capture(metrics.ActiveStreams, gc == true), ProtocolJson.Context.ProcessStats))
            .RequireAuthorization(ApiKeyDefaults.PolicyName);
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        OllamaUpstreamClient upstream,
        IOptions<RelayOptions> options,
        SharedCacheHealth sharedCache,
        ILoggerFactory logs,
        DrainCoordinator drain,
        CancellationToken cancellationToken)
    {
        if (drain.IsDraining)
        {
            return TypedResults.Problem(
                "the relay is shutting down", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Shutting down",
                extensions: new Dictionary<string, object?> { [ProblemContract.CodeKey] = RelayErrorCodes.ShuttingDown });
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Upstream.ReadinessTimeout);
        try
        {
            using var response = await upstream.GetAsync(upstream.ReadinessPath, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                // Still ready without Redis: the relay serves from memory and the upstream, only without shared hits.
                return TypedResults.Text(
                    sharedCache.IsDown ? "ready, degraded: Redis (Relay:Cache:Redis) is unavailable, cache in memory only\n" : "ready\n",
                    "text/plain; charset=utf-8");
            }

            logs.CreateLogger(typeof(OperationsApi)).LogWarning(
                "Not ready: the upstream at {Upstream} answered {Status} to /{Path}",
                upstream.BaseAddress, (int)response.StatusCode, upstream.ReadinessPath);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logs.CreateLogger(typeof(OperationsApi)).LogWarning(
                ex, "Not ready: the upstream at {Upstream} did not answer /{Path}", upstream.BaseAddress, upstream.ReadinessPath);
        }

        // Anonymous callers learn that the upstream is not ready, not where it is or which socket error it gave.
        return TypedResults.Problem(
            "the upstream is not answering; the relay's log has the detail", statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Upstream not ready");
    }
}
