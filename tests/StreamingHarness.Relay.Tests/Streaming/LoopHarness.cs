using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.Tests.Streaming;

/// <summary>
/// Runs the relay loop without HTTP: the upstream body is a pipe the test writes (small segments, so lines and
/// UTF-8 characters straddle segments), the client is a pipe the test reads.
/// </summary>
internal sealed class LoopHarness
{
    public RelayOptions Options { get; } = new();

    public RelayMetrics Metrics { get; } = TestMetrics.Create();

    public OllamaEndpoint Endpoint { get; set; } = OllamaEndpoint.Chat;

    public bool Started { get; private set; }

    /// <summary>Small by default, so lines and UTF-8 characters straddle segments.</summary>
    public int UpstreamSegmentBytes { get; set; } = 16;

    /// <summary>True when the relay dropped the client connection.</summary>
    public bool Aborted { get; private set; }

    /// <summary>0: the client takes everything. Above 0: the client reads nothing and its pipe blocks past this many bytes.</summary>
    public long StalledClientBytes { get; set; }

    /// <summary>Runs the loop over the given upstream bytes, then ends the stream as the relay does (terminal event, drain).</summary>
    public async Task<(StreamOutcome Outcome, byte[] ClientBytes)> RunAsync(IStreamFormat format, params string[] upstreamWrites)
    {
        var upstream = new Pipe(
            new PipeOptions(
            pool: MemoryPool<byte>.Shared, pauseWriterThreshold: 0, minimumSegmentSize: UpstreamSegmentBytes,
            useSynchronizationContext: false));
        foreach (var write in upstreamWrites)
        {
            await upstream.Writer.WriteAsync(Encoding.UTF8.GetBytes(write));
        }

        await upstream.Writer.CompleteAsync();

        var client = new Pipe(new PipeOptions(
            pauseWriterThreshold: StalledClientBytes, resumeWriterThreshold: StalledClientBytes / 2, useSynchronizationContext: false));
        using var aborted = new CancellationTokenSource();
        using var deadlines = new StreamDeadlines(Options.Upstream, TimeProvider.System, aborted.Token);
        var output = new ClientOutput(
            client.Writer, _ => { Started = true; return Task.CompletedTask; }, aborted.Cancel, Options.Streaming, TimeProvider.System,
            aborted.Token);
        var timing = new StreamTiming(TimeProvider.System);
        var loop = new RelayLoop(
            new NdjsonReader(upstream.Reader, Options.Upstream.MaxLineBytes),
            new OllamaChunkScanner(Endpoint),
            format,
            output,
            deadlines,
            timing,
            Metrics,
            RelayLoopSettings.From(Options),
            TimeProvider.System);

        var outcome = await loop.RunAsync();
        if (output.Started && (outcome.Done is not null || outcome.Failure is not null))
        {
            await StreamRelay.EndStreamAsync(format, output, outcome, timing);
        }

        await output.DisposeAsync();
        Aborted = aborted.IsCancellationRequested;
        await client.Writer.CompleteAsync();
        var bytes = new MemoryStream();
        await client.Reader.CopyToAsync(bytes);
        return (outcome, bytes.ToArray());
    }

    public static SseStreamFormat Sse(bool coalesce = false, TimeProvider? time = null) =>
        new("req-1", "m", time ?? TimeProvider.System, coalesce);
}
