using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry for the relay's meter, ASP.NET Core's and HttpClient's (<c>http.server.*</c>, <c>http.client.*</c>),
    /// scraped on <c>GET /metrics</c>; traces from the relay, ASP.NET Core and HttpClient; OTLP export of both when
    /// <c>Relay:Telemetry:OtlpEndpoint</c> is set.
    /// </summary>
    public static IServiceCollection AddRelayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RelayOptions.SectionName).GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint is { IsAbsoluteUri: true } endpoint ? endpoint : null;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("streaming-harness-relay"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RelayMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, options.OtlpProtocol));
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(RelayTracing.SourceName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, otlp, options.OtlpProtocol));
                }
            });
        return services;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol)
    {
        exporter.Endpoint = endpoint;
        exporter.Protocol = protocol;
    }
}
