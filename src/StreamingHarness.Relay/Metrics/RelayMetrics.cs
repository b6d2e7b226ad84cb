using System.Diagnostics.Metrics;
using StreamingHarness.Client.Streaming;

namespace StreamingHarness.Relay.Metrics;

/// <summary>
/// The relay's instruments (meter <c>StreamingHarness.Relay</c>). Anything that listens to System.Diagnostics.Metrics
/// sees them; <c>GET /metrics</c> renders them as Prometheus text.
/// </summary>
internal sealed class RelayMetrics
{
    public const string MeterName = "StreamingHarness.Relay";

    private readonly UpDownCounter<long> _activeStreams;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Counter<long> _streamsEnded;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _malformedLines;
    private readonly Lock _tokenCounts = new();
    private readonly HashSet<IOllamaChunkSource> _liveStreams = [];
    private long _active;
    private long _tokensOfEndedStreams;

    public RelayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Meter = meter;
        _activeStreams = meter.CreateUpDownCounter<long>(
            "relay.streams.active", "{stream}", "Streams currently open (SSE and pass-through)");
        _timeToFirstToken = meter.CreateHistogram(
            "relay.ttft", "ms", "Time from the request reaching the relay to the first token sent to the client",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [
            5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000] });
        // Observed, not added to: Counter.Add runs the SDK's aggregation for every token (about 2% of a paced relay's CPU
        // in perf). Each stream's reader counts its tokens anyway (TokensReceived), and a collection sums the streams open
        // and ended: the same monotonic counter, with no write per token to a line shared by every stream.
        meter.CreateObservableCounter("relay.tokens.relayed", TokensRelayed, "{token}", "Upstream tokens forwarded to clients");
        _streamsEnded = meter.CreateCounter<long>(
            "relay.streams.ended", "{stream}", "Streams by how they ended: done, an error code, or client_disconnected");
        _attempts = meter.CreateCounter<long>("relay.upstream.attempts", "{request}", "Requests sent to the upstream, retries included");
        _retries = meter.CreateCounter<long>("relay.upstream.retries", "{request}", "Upstream requests that were retries");
        _malformedLines = meter.CreateCounter<long>(
            "relay.upstream.malformed_lines", "{line}", "Malformed upstream lines skipped (Relay:Upstream:SkipMalformedLines)");
    }

    /// <summary>This app's meter: tests may host several relays in one process, each with its own.</summary>
    public Meter Meter { get; }

    /// <summary>Streams open now; <c>GET /__stats</c> reports it as <c>active_streams</c>.</summary>
    public long ActiveStreams => Interlocked.Read(ref _active);

    public void StreamOpened()
    {
        Interlocked.Increment(ref _active);
        _activeStreams.Add(1);
    }

    public void StreamClosed(string terminalCode)
    {
        Interlocked.Decrement(ref _active);
        _activeStreams.Add(-1);
        _streamsEnded.Add(1, new KeyValuePair<string, object?>("code", terminalCode));
    }

    public void FirstToken(TimeSpan elapsed) => _timeToFirstToken.Record(elapsed.TotalMilliseconds);

    /// <summary>
    /// A stream's tokens (its reader's own count), in <c>relay.tokens.relayed</c> from now on; end it with
    /// <see cref="EndTokenCount"/>.
    /// </summary>
    public void StartTokenCount(IOllamaChunkSource stream)
    {
        lock (_tokenCounts)
        {
            _liveStreams.Add(stream);
        }
    }

    /// <summary>The stream ended: its tokens stay in the total.</summary>
    public void EndTokenCount(IOllamaChunkSource stream)
    {
        lock (_tokenCounts)
        {
            if (_liveStreams.Remove(stream))
            {
                _tokensOfEndedStreams += stream.TokensReceived;
            }
        }
    }

    private long TokensRelayed()
    {
        lock (_tokenCounts)
        {
            var total = _tokensOfEndedStreams;
            foreach (var stream in _liveStreams)
            {
                total += stream.TokensReceived;
            }

            return total;
        }
    }

    public void UpstreamAttempt() => _attempts.Add(1);

    public void UpstreamRetry() => _retries.Add(1);

    public void MalformedLineSkipped() => _malformedLines.Add(1);
}
