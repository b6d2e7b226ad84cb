using System.Buffers;
using System.Diagnostics;
using StreamingHarness.Client;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Turns one upstream ndjson body into client output, until the outcome is known. Reading, checking and classifying
/// the upstream lines is the client library's <see cref="OllamaChunkReader"/> (done then a clean end, or the failure);
/// this loop is the relay's side: the first-token commit, the format, coalescing, the client buffer and metrics.
/// Coalesced tokens go out when the window closes even while a read waits: one timer per stream, created the first
/// time tokens are held and re-armed after that, flushes them under the stream's lock (the loop writes under it too),
/// so a read is never raced against a per-read delay and nothing is allocated per token.
/// </summary>
internal sealed class RelayLoop : IOllamaChunkHandler
{
    private readonly IOllamaChunkSource _chunks;
    private readonly IStreamFormat _format;
    private readonly ClientOutput _output;
    private readonly StreamDeadlines _deadlines;
    private readonly StreamTiming _timing;
    private readonly RelayMetrics _metrics;
    private readonly RelayLoopSettings _settings;
    private readonly TimeProvider _time;
    private readonly Activity? _activity;
    private readonly Lock _gate = new();
    private ITimer? _window;
    private bool _closed;
    private bool _startWritten;
    private DoneSummary? _done;
    private RelayFailure? _failure;

    public RelayLoop(
        NdjsonReader reader,
        OllamaChunkScanner scanner,
        IStreamFormat format,
        ClientOutput output,
        StreamDeadlines deadlines,
        StreamTiming timing,
        RelayMetrics metrics,
        RelayLoopSettings settings,
        TimeProvider time,
        Func<long>? upstreamBytesRead = null,
        Activity? activity = null)
        : this(
            new OllamaChunkReader(reader, scanner, deadlines.Core, settings.SkipMalformedLines, upstreamBytesRead),
            format, output, deadlines, timing, metrics, settings, time, activity)
    {
    }

    public RelayLoop(
        IOllamaChunkSource chunks,
        IStreamFormat format,
        ClientOutput output,
        StreamDeadlines deadlines,
        StreamTiming timing,
        RelayMetrics metrics,
        RelayLoopSettings settings,
        TimeProvider time,
        Activity? activity = null)
    {
        _chunks = chunks;
        _format = format;
        _output = output;
        _deadlines = deadlines;
        _timing = timing;
        _metrics = metrics;
        _settings = settings;
        _time = time;
        _activity = activity;
        _startWritten = output.Started;
        metrics.StartTokenCount(chunks);
    }

    public async Task<StreamOutcome> RunAsync()
    {
        try
        {
            return await RunLinesAsync();
        }
        finally
        {
            lock (_gate)
            {
                _closed = true;
            }

            _window?.Dispose();
            _metrics.EndTokenCount(_chunks);
        }
    }

    private async Task<StreamOutcome> RunLinesAsync()
    {
        while (true)
        {
            bool hasLine;
            try
            {
                hasLine = await _chunks.ReadLineAsync();
            }
            catch (OperationCanceledException)
            {
                return StreamOutcome.ClientGone;
            }
            catch (OllamaStreamException ex)
            {
                return _deadlines.ClientGone || _output.ClientGone ? StreamOutcome.ClientGone : Fail(RelayFailure.From(ex));
            }

            if (Volatile.Read(ref _failure) is { } failure)
            {
                return Fail(failure);
            }

            if (!hasLine)
            {
                return StreamOutcome.Success(_done!);
            }

            // Checking the line, formatting it and sending it take the stream's lock once: the window timer writes under it too.
            bool published;
            try
            {
                OllamaLineResult handled;
                lock (_gate)
                {
                    handled = _chunks.HandleLine(this);
                    published = handled != OllamaLineResult.Chunk || !CanPublish || _output.Publish();
                }

                if (handled != OllamaLineResult.Chunk)
                {
                    continue;
                }
            }
            catch (OllamaStreamException ex)
            {
                return Fail(RelayFailure.From(ex));
            }

            if (!CanPublish)
            {
                // The first chunk that commits the stream: its headers go out before it.
                await _output.StartAsync(heartbeat: false);
                lock (_gate)
                {
                    published = _output.Publish();
                }
            }

            if (!published)
            {
                return Fail(RelayFailure.ClientTooSlow(_settings.MaxBufferedBytes));
            }

            if (_output.ClientGone)
            {
                return StreamOutcome.ClientGone;
            }
        }
    }

    public bool TakesChunksBeforeFirstToken => _format.ForwardsChunksBeforeFirstToken;

    /// <summary>Whether a chunk can be handed to the output now: the headers are out, or the format holds everything to the end.</summary>
    private bool CanPublish => _output.Started || _format.DefersOutput;

    public void OnFirstToken()
    {
        var timeToFirstToken = _timing.MarkFirstToken();
        _metrics.FirstToken(timeToFirstToken);
        RelayTracing.FirstToken(_activity, timeToFirstToken);
        WriteStartOnce();
    }

    public void OnChunk(in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        WriteStartOnce();
        var hadPending = _format.HasPending;
        _format.WriteChunk(_output.Writer, chunk, line);
        if (!hadPending && _format.HasPending)
        {
            _window ??= _time.CreateTimer(
                static loop => ((RelayLoop)loop!).OnWindowClosed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _window.Change(_settings.CoalesceWindow, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// The end. An answer with no output has no first token (no TTFT recorded, <c>ttft_ms</c> is the total): the start
    /// goes out here, just before the done event.
    /// </summary>
    public void OnDone(in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        WriteStartOnce();
        var reason = chunk.DoneReasonRaw.IsEmpty ? "stop" : OllamaChunk.Decode(chunk.DoneReasonRaw);
        var completion = StreamTimeline.OutputTokensOf(chunk.EvalCount, _chunks.TokensReceived);
        _done = new DoneSummary(reason, Math.Max(0, chunk.PromptEvalCount), completion, line.ToArray());
    }

    public void OnMalformedLineSkipped() => _metrics.MalformedLineSkipped();

    private void WriteStartOnce()
    {
        if (!_startWritten)
        {
            _format.WriteStart(_output.Writer);
            _startWritten = true;
        }
    }

    /// <summary>The window timer: sends the held tokens unless the loop already did (or the stream is over).</summary>
    private void OnWindowClosed()
    {
        lock (_gate)
        {
            if (!_closed && _format.HasPending)
            {
                FlushPending();
            }
        }
    }

    private void FlushPending()
    {
        _format.FlushPending(_output.Writer);
        if (!_output.Publish())
        {
            Interlocked.CompareExchange(ref _failure, RelayFailure.ClientTooSlow(_settings.MaxBufferedBytes), null);
        }
    }

    private static StreamOutcome Fail(RelayFailure failure) => StreamOutcome.Failed(failure);
}
