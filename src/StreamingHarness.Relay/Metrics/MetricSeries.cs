using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace StreamingHarness.Relay.Metrics;

/// <summary>
/// Running values of one instrument, one per distinct set of tags. Measurements without tags (the per-token ones)
/// take a lock-free path that allocates nothing.
/// </summary>
internal abstract class MetricSeries
{
    public abstract string PrometheusType { get; }

    public static MetricSeries For(Instrument instrument) => instrument switch
    {
        Histogram<double> histogram => new HistogramSeries(histogram.Advice?.HistogramBucketBoundaries ?? [1, 10, 100, 1000, 10000]),
        UpDownCounter<long> => new SumSeries("gauge"),
        _ => new SumSeries("counter"),
    };

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void Render(string name, StringBuilder text);

    protected static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new StringBuilder();
        foreach (var (key, value) in tags)
        {
            var escaped = Convert.ToString(value, CultureInfo.InvariantCulture)?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            labels.Append(labels.Length == 0 ? "" : ",").Append(key).Append("=\"").Append(escaped).Append('"');
        }

        return labels.ToString();
    }

    protected static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class SumSeries(string type) : MetricSeries
    {
        private readonly ConcurrentDictionary<string, double> _tagged = new(StringComparer.Ordinal);
        private long _untagged;

        public override string PrometheusType => type;

        public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                Interlocked.Add(ref _untagged, (long)value);
                return;
            }

            _tagged.AddOrUpdate(Labels(tags), value, (_, sum) => sum + value);
        }

        public override void Render(string name, StringBuilder text)
        {
            if (_tagged.IsEmpty)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name} {Interlocked.Read(ref _untagged)}\n");
            }

            foreach (var (labels, sum) in _tagged.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {Number(sum)}\n");
            }
        }
    }

    private sealed class HistogramSeries(IReadOnlyList<double> bounds) : MetricSeries
    {
        private readonly long[] _counts = new long[bounds.Count + 1];
        private readonly Lock _sumLock = new();
        private double _sum;

        public override string PrometheusType => "histogram";

        public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var bucket = 0;
            while (bucket < bounds.Count && value > bounds[bucket])
            {
                bucket++;
            }

            Interlocked.Increment(ref _counts[bucket]);
            lock (_sumLock)
            {
                _sum += value;
            }
        }

        public override void Render(string name, StringBuilder text)
        {
            long cumulative = 0;
            for (var i = 0; i < bounds.Count; i++)
            {
                cumulative += Interlocked.Read(ref _counts[i]);
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{Number(bounds[i])}\"}} {cumulative}\n");
            }

            cumulative += Interlocked.Read(ref _counts[^1]);
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"+Inf\"}} {cumulative}\n");
            lock (_sumLock)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}_sum {Number(_sum)}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{name}_count {cumulative}\n");
        }
    }
}
