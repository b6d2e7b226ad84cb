using OpenTelemetry.Exporter;

namespace StreamingHarness.Relay.Telemetry;

/// <summary>
/// Where traces and metrics go besides <c>GET /metrics</c>. Tracing always runs (so a <c>traceparent</c> reaches the
/// upstream and a trace joins client, relay and Ollama); it leaves the process only when an OTLP endpoint is set.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// An OpenTelemetry collector's base address (absolute http:// or https://, e.g. <c>http://127.0.0.1:4317</c>). When
    /// set, traces and metrics are exported to it over OTLP (with HttpProtobuf, to <c>/v1/traces</c> and <c>/v1/metrics</c>
    /// under it). Default none: no export.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default, port 4317) or <c>HttpProtobuf</c> (port 4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// Kestrel's memory pool meters (<c>aspnetcore.memory_pool.*</c>). Default off: the pool rents and returns a block for
    /// every write, and each records up to three updates through OpenTelemetry's aggregation, a per-token cost (about
    /// 1.4% of a paced relay's CPU in perf) for a figure about Kestrel's internals rather than the streams.
    /// </summary>
    public bool KestrelMemoryPoolMetrics { get; set; }
}
