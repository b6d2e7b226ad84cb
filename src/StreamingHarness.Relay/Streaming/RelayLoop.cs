using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Reads one upstream ndjson body line by line and turns it into client output, until the outcome is known:
/// a <c>done</c> line followed by a clean end of body, or a failure (in-band error, malformed or torn line, end
/// without done, data after done, a reset, a timeout, a client too far behind), or the client leaving.
/// Lines are views into the read buffer; token text is copied, never decoded.
/// </summary>
internal sealed class RelayLoop(
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
{
    private enum Step { Skip, Wrote, Done, Failed }

    private bool _seenFirstToken;
    private bool _startWritten = output.Started;
    private long _tokens;
    private long _pendingSince;
    private DoneSummary? _done;
    private RelayFailure? _failure;

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
                if (deadlines.ClientGone || output.ClientGone)
                {
                    return StreamOutcome.ClientGone;
                }

                // A stall after a complete done line loses nothing: the stream is whole.
                return _done is not null ? StreamOutcome.Success(_done) : Fail(deadlines.Classify() ?? RelayFailure.Disconnected("the upstream read was cancelled"));
            }
            catch (NdjsonFormatException ex)
            {
                return Fail(RelayFailure.Protocol("broken upstream stream: " + ex.Message));
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                if (_done is not null)
                {
                    return StreamOutcome.Success(_done);
                }

                var partial = upstreamBytesRead?.Invoke() - reader.BytesConsumed;
                return Fail(partial > 0
                    ? RelayFailure.Protocol($"upstream line {reader.LineNumber + 1} was cut after {partial} bytes when the connection broke: {ex.Message}")
                    : RelayFailure.Disconnected("the upstream connection broke: " + ex.Message));
            }

            if (_failure is not null)
            {
                return Fail(_failure);
            }

            if (!hasLine)
            {
                return _done is not null
                    ? StreamOutcome.Success(_done)
                    : Fail(RelayFailure.Protocol($"the upstream ended the stream after {reader.LineNumber} lines without a done line"));
            }

            deadlines.LineReceived();
            var line = reader.Current;
            if (IsBlank(line))
            {
                continue;
            }

            if (_done is not null)
            {
                return Fail(RelayFailure.Protocol($"upstream line {reader.LineNumber} came after the done line"));
            }

            var step = HandleLine(line);
            if (step == Step.Failed)
            {
                return Fail(_failure!);
            }

            if (step == Step.Skip)
            {
                continue;
            }

            if (!output.Started)
            {
                await output.StartAsync(heartbeat: false);
            }

            if (!output.Publish())
            {
                return Fail(RelayFailure.ClientTooSlow(settings.MaxBufferedBytes));
            }

            if (output.ClientGone)
            {
                return StreamOutcome.ClientGone;
            }
        }
    }

    private Step HandleLine(ReadOnlySequence<byte> line)
    {
        OllamaChunk chunk;
        try
        {
            chunk = scanner.Scan(line, reader.LineNumber);
        }
        catch (NdjsonFormatException ex)
        {
            if (settings.SkipMalformedLines)
            {
                metrics.MalformedLineSkipped();
                return Step.Skip;
            }

            _failure = RelayFailure.Protocol("malformed upstream line: " + ex.Message);
            return Step.Failed;
        }

        if (!Utf8.IsValid(chunk.ContentRaw) || !Utf8.IsValid(chunk.ThinkingRaw))
        {
            // The JSON reader checks structure, not the bytes inside strings: pass them on and clients would show U+FFFD.
            _failure = RelayFailure.Protocol($"upstream line {reader.LineNumber} holds text that is not valid UTF-8");
            return Step.Failed;
        }

        if (chunk.Kind == OllamaChunkKind.Error)
        {
            _failure = RelayFailure.InBandError(OllamaChunk.Decode(chunk.ErrorRaw));
            return Step.Failed;
        }

        if (!_seenFirstToken)
        {
            if (!format.IsFirstToken(chunk))
            {
                // Empty chunks are not tokens: not forwarded, and the first-token clock keeps running.
                return Step.Skip;
            }

            _seenFirstToken = true;
            var timeToFirstToken = timing.MarkFirstToken();
            metrics.FirstToken(timeToFirstToken);
            RelayTracing.FirstToken(activity, timeToFirstToken);
            deadlines.FirstTokenReceived();
            if (!_startWritten)
            {
                format.WriteStart(output.Writer);
                _startWritten = true;
            }
        }

        if (chunk.Kind == OllamaChunkKind.Done)
        {
            var reason = chunk.DoneReasonRaw.IsEmpty ? "stop" : OllamaChunk.Decode(chunk.DoneReasonRaw);
            var completion = chunk.EvalCount >= 0 ? chunk.EvalCount : _tokens;
            _done = new DoneSummary(reason, Math.Max(0, chunk.PromptEvalCount), completion, line.ToArray());
            return Step.Done;
        }

        if (chunk.HasContent || chunk.HasThinking)
        {
            _tokens++;
            metrics.TokensRelayed(1);
        }

        var hadPending = format.HasPending;
        format.WriteChunk(output.Writer, chunk, line);
        if (!hadPending && format.HasPending)
        {
            _pendingSince = time.GetTimestamp();
        }

        return Step.Wrote;
    }

    /// <summary>Reads the next line; with tokens held for coalescing, sends them when the window closes first.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadLineAsync()
    {
        if (format.HasPending && time.GetElapsedTime(_pendingSince) >= settings.CoalesceWindow)
        {
            FlushPending();
        }

        var read = reader.ReadLineAsync(deadlines.Token);
        if (!format.HasPending || read.IsCompleted)
        {
            return await read;
        }

        var readTask = read.AsTask();
        using (var stop = new CancellationTokenSource())
        {
            var left = settings.CoalesceWindow - time.GetElapsedTime(_pendingSince);
            var window = Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, time, stop.Token);
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
        format.FlushPending(output.Writer);
        if (!output.Publish())
        {
            _failure ??= RelayFailure.ClientTooSlow(settings.MaxBufferedBytes);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static StreamOutcome Fail(RelayFailure failure) => StreamOutcome.Failed(failure);
}
