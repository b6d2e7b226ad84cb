using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    // Kestrel's PinnedBlockMemoryPoolMetrics.MeterName; AddAspNetCoreInstrumentation subscribes to it.
    private const string KestrelMemoryPoolMeter = "Microsoft.AspNetCore.MemoryPool";

    /// <summary>
    /// OpenTelemetry for the relay's meter, ASP.NET Core's and HttpClient's (<c>http.server.*</c>, <c>http.client.*</c>;
    /// Kestrel's memory pool meters only with <c>Relay:Telemetry:KestrelMemoryPoolMetrics</c>), scraped on
    /// <c>GET /metrics</c>; traces from the relay, ASP.NET Core and HttpClient; OTLP export of both when
    /// <c>Relay:Telemetry:OtlpEndpoint</c> is set.
    /// </summary>
    public static IServiceCollection AddRelayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RelayOptions.SectionName).GetSection("Telemetry").Get<TelemetryOptions>()
            ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint is { IsAbsoluteUri: true } endpoint ? endpoint : null;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("streaming-harness-relay"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RelayMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (!options.KestrelMemoryPoolMetrics)
                {
                    // A dropped instrument is never enabled: the pool's Rent and Return then skip the aggregation.
                    metrics.AddView(instrument => instrument.Meter.Name == KestrelMemoryPoolMeter ? MetricStreamConfiguration.Drop : null);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, options.OtlpProtocol, "v1/metrics"));
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(RelayTracing.SourceName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, otlp, options.OtlpProtocol, "v1/traces"));
                }
            });
        return services;
    }

    /// <summary>
    /// OTLP over HTTP wants each signal's full path; the exporter adds it only to an endpoint taken from the
    /// OTEL_EXPORTER_OTLP_ENDPOINT variable, not to one set in code, so it is added here to the collector's base address.
    /// </summary>
    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), signalPath)
            : endpoint;
    }
}
