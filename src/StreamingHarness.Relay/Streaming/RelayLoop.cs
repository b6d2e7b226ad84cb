using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using StreamingHarness.Client;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Turns one upstream ndjson body into client output, until the outcome is known. Reading, checking and classifying
/// the upstream lines is the client library's <see cref="OllamaChunkReader"/> (done then a clean end, or the failure);
/// this loop is the relay's side: the first-token commit, the format, coalescing, the client buffer and metrics.
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
    private bool _startWritten;
    private long _pendingSince;
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
    }

    public async Task<StreamOutcome> RunAsync()
    {
        while (true)
        {
            bool hasLine;
            try
            {
                hasLine = await ReadLineAsync();
            }
            catch (OperationCanceledException)
            {
                return StreamOutcome.ClientGone;
            }
            catch (OllamaStreamException ex)
            {
                return _deadlines.ClientGone || _output.ClientGone ? StreamOutcome.ClientGone : Fail(RelayFailure.From(ex));
            }

            if (_failure is not null)
            {
                return Fail(_failure);
            }

            if (!hasLine)
            {
                return StreamOutcome.Success(_done!);
            }

            try
            {
                if (_chunks.HandleLine(this) != OllamaLineResult.Chunk)
                {
                    continue;
                }
            }
            catch (OllamaStreamException ex)
            {
                return Fail(RelayFailure.From(ex));
            }

            if (!_output.Started && !_format.DefersOutput)
            {
                await _output.StartAsync(heartbeat: false);
            }

            if (!_output.Publish())
            {
                return Fail(RelayFailure.ClientTooSlow(_settings.MaxBufferedBytes));
            }

            if (_output.ClientGone)
            {
                return StreamOutcome.ClientGone;
            }
        }
    }

    public bool IsFirstToken(in OllamaChunk chunk) => _format.IsFirstToken(chunk);

    public void OnFirstToken()
    {
        var timeToFirstToken = _timing.MarkFirstToken();
        _metrics.FirstToken(timeToFirstToken);
        RelayTracing.FirstToken(_activity, timeToFirstToken);
        if (!_startWritten)
        {
            _format.WriteStart(_output.Writer);
            _startWritten = true;
        }
    }

    public void OnChunk(in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        if (chunk.HasContent || chunk.HasThinking)
        {
            _metrics.TokensRelayed(1);
        }

        var hadPending = _format.HasPending;
        _format.WriteChunk(_output.Writer, chunk, line);
        if (!hadPending && _format.HasPending)
        {
            _pendingSince = _time.GetTimestamp();
        }
    }

    public void OnDone(in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        var reason = chunk.DoneReasonRaw.IsEmpty ? "stop" : OllamaChunk.Decode(chunk.DoneReasonRaw);
        var completion = chunk.EvalCount >= 0 ? chunk.EvalCount : _chunks.TokensReceived;
        _done = new DoneSummary(reason, Math.Max(0, chunk.PromptEvalCount), completion, line.ToArray());
    }

    public void OnMalformedLineSkipped() => _metrics.MalformedLineSkipped();

    /// <summary>Reads the next line; with tokens held for coalescing, sends them when the window closes first.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadLineAsync()
    {
        if (_format.HasPending && _time.GetElapsedTime(_pendingSince) >= _settings.CoalesceWindow)
        {
            FlushPending();
        }

        var read = _chunks.ReadLineAsync();
        if (!_format.HasPending || read.IsCompleted)
        {
            return await read;
        }

        var readTask = read.AsTask();
        using (var stop = new CancellationTokenSource())
        {
            var left = _settings.CoalesceWindow - _time.GetElapsedTime(_pendingSince);
            var window = Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time, stop.Token);
            if (await Task.WhenAny(readTask, window) == readTask)
            {
                await stop.CancelAsync();
                return await readTask;
            }
        }

        FlushPending();
        return await readTask;
    }

    private void FlushPending()
    {
        _format.FlushPending(_output.Writer);
        if (!_output.Publish())
        {
            _failure ??= RelayFailure.ClientTooSlow(_settings.MaxBufferedBytes);
        }
    }

    private static StreamOutcome Fail(RelayFailure failure) => StreamOutcome.Failed(failure);
}
