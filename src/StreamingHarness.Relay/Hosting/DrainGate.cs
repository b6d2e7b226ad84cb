using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Hosting;

/// <summary>
/// While the relay drains, a new request for work is refused with 503 <c>shutting_down</c> and Retry-After, so a client
/// or load balancer tries another instance; the probes and <c>/metrics</c> still answer.
/// </summary>
internal static class DrainGate
{
    public static IApplicationBuilder UseDrainGate(this IApplicationBuilder app)
    {
        var drain = app.ApplicationServices.GetRequiredService<DrainCoordinator>();
        return app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (!drain.IsDraining || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz")
                || path.StartsWithSegments("/metrics"))
            {
                return next(context);
            }

            context.Response.Headers.Connection = "close";
            return RefusalResponder.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                RelayErrorCodes.ShuttingDown,
                "Shutting down",
                "the relay is shutting down; send the request again, to another instance",
                retryable: true,
                TimeSpan.FromSeconds(1));
        });
    }
}
