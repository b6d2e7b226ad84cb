using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.Diagnostics;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.Endpoints;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (the upstream answers), <c>/metrics</c>, <c>/__stats</c>.</summary>
internal static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok\n", "text/plain; charset=utf-8"));
        app.MapGet("/readyz", ReadyAsync);
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/__stats", (RelayMetrics metrics, bool? gc) =>
            TypedResults.Json(ProcessStats.Capture(metrics.ActiveStreams, gc == true), ProtocolJson.Context.ProcessStats));
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        OllamaUpstreamClient upstream, IOptions<RelayOptions> options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Upstream.ReadinessTimeout);
        string problem;
        try
        {
            using var response = await upstream.GetAsync(upstream.ReadinessPath, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return TypedResults.Text("ready\n", "text/plain; charset=utf-8");
            }

            problem = $"the upstream at {upstream.BaseAddress} answered {(int)response.StatusCode} to /{upstream.ReadinessPath}";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            problem = $"the upstream at {upstream.BaseAddress} did not answer /{upstream.ReadinessPath}: {ex.Message}";
        }

        return TypedResults.Problem(problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Upstream not ready");
    }
}
