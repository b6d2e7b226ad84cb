using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace StreamingHarness.Relay.Metrics;

/// <summary>
/// Listens to the relay's meter with a <see cref="MeterListener"/> and renders what it heard in the Prometheus text
/// format (0.0.4): counters as <c>_total</c>, up-down counters as gauges, histograms with cumulative buckets.
/// Written here because the OpenTelemetry Prometheus exporter is not available to this project.
/// </summary>
internal sealed class PrometheusMetricsExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricSeries> _series = new();

    public PrometheusMetricsExporter(RelayMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument, _series.GetOrAdd(instrument, MetricSeries.For));
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.Start();
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var (instrument, series) in _series.OrderBy(pair => pair.Key.Name, StringComparer.Ordinal))
        {
            var name = PrometheusName(instrument);
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {instrument.Description}\n");
            text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} {series.PrometheusType}\n");
            series.Render(name, text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "ms")
        {
            name += "_milliseconds";
        }

        return instrument is Counter<long> or Counter<double> ? name + "_total" : name;
    }
}
