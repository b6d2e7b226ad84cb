using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Pipeline;

/// <summary>
/// A framed line's way out: the scenario's faults (when it has any), one write and flush, then the journal and the
/// token count. The common line, with no fault to see it and a socket with room, runs through no async method.
/// </summary>
internal sealed partial class ResponseStream
{
    /// <summary>
    /// Hands a line to the faults, then writes and flushes it. The common line (headers out, no fault in the scenario)
    /// goes straight to <see cref="WriteLine"/>: no async method in between when the flush completes at once.
    /// </summary>
    private ValueTask<bool> EmitAsync(OutgoingLine line, int textLength = 0) =>
        HeadersSent && _scenario.Faults.Count == 0 ? WriteLine(line, textLength) : EmitThroughFaultsAsync(line, textLength);

    // Per-line async methods: pooled builders so a flush that completes later does not allocate a box per token.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> EmitThroughFaultsAsync(OutgoingLine line, int textLength)
    {
        if (!HeadersSent && !await StartAsync().ConfigureAwait(false))
        {
            return false;
        }

        var faults = _scenario.Faults;
        for (var i = 0; i < faults.Count; i++)
        {
            // Indexed: a foreach over the IList would allocate an enumerator per line.
            var fault = faults[i];
            var action = await fault.BeforeLineAsync(_faultContext, line).ConfigureAwait(false);
            if (action == FaultAction.Stop || Ended)
            {
                Stop(StreamEnding.Fault, $"fault '{fault.Name}' at token {TokensDelivered}");
                return false;
            }

            if (action == FaultAction.Replaced)
            {
                return Delivered(line, textLength, ReadOnlySpan<byte>.Empty);
            }
        }

        return await WriteLine(line, textLength).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes and flushes one whole line, then counts it in the journal with one call (its time, text and bytes). The
    /// flush nearly always completes at once (a socket with room), so the usual line is no async method at all.
    /// <see cref="PipeWriter.WriteAsync"/> rather than <c>Write</c> and <c>FlushAsync</c>: Kestrel frames the chunk
    /// around the bytes in one step (the same bytes on the wire), where <c>GetSpan</c>, <c>Advance</c> and the flush
    /// each take its lock and the flush moves the line to fit the chunk's size in front of it.
    /// </summary>
    private ValueTask<bool> WriteLine(OutgoingLine line, int textLength)
    {
        SendHeaders();
        ValueTask<FlushResult> flush;
        try
        {
            flush = _direct is { } socket
                ? socket.WriteChunkAsync(line.Bytes.Span, _request.Aborted)
                : (_body ??= _request.Http.Response.BodyWriter).WriteAsync(line.Bytes, _request.Aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return ValueTask.FromResult(Undelivered(line));
        }

        return flush.IsCompletedSuccessfully
            ? ValueTask.FromResult(Flushed(flush.Result, line, textLength))
            : AwaitFlushAsync(flush, line, textLength);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AwaitFlushAsync(ValueTask<FlushResult> flush, OutgoingLine line, int textLength)
    {
        try
        {
            return Flushed(await flush.ConfigureAwait(false), line, textLength);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return Undelivered(line);
        }
    }

    private bool Flushed(FlushResult result, OutgoingLine line, int textLength)
    {
        if (result.IsCompleted || result.IsCanceled || _request.Aborted.IsCancellationRequested)
        {
            return Undelivered(line);
        }

        if (!_directLookedUp)
        {
            // Kestrel has sent the head with this line: from now on, with no fault to write pieces through Kestrel,
            // the common line goes to the connection's own writer as a chunk of its own.
            // Only for a chunked body: HTTP/1.0 gets its body unframed, a HEAD request none.
            _directLookedUp = true;
            var http = _request.Http;
            _direct = _scenario.Faults.Count == 0 && http.Response.Headers.TransferEncoding == "chunked"
                && !HttpMethods.IsHead(http.Request.Method)
                ? http.Features.Get<SocketPipeWriter>()
                : null;
        }

        return Delivered(line, textLength, line.Bytes.Span);
    }

    /// <summary>A line whose flush failed: its bytes were written (the journal counts them), the client is gone.</summary>
    private bool Undelivered(OutgoingLine line)
    {
        _request.Entry.AddResponseBytes(line.Bytes.Span);
        MarkDisconnected();
        return false;
    }

    /// <summary>
    /// Counts a line that has been written: in the journal (with <paramref name="written"/>, its bytes when they were not
    /// counted as they went out), and the tokens it delivered.
    /// </summary>
    private bool Delivered(OutgoingLine line, int textLength, ReadOnlySpan<byte> written)
    {
        _request.Entry.AddLine(_request.Elapsed.TotalMilliseconds, textLength, written);
        if (line.IsToken)
        {
            TokensDelivered++;
            _request.Entry.TokensDelivered = TokensDelivered;
        }
        else if (line.Kind == LineKind.Body)
        {
            TokensDelivered = BufferedTokens;
            _request.Entry.TokensDelivered = BufferedTokens;
        }

        return !Ended;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> WriteRawAsync(ReadOnlyMemory<byte> bytes, bool flush)
    {
        // Bytes Kestrel may hold unflushed in its chunk: every later line goes through Kestrel too.
        _directLookedUp = true;
        _direct = null;
        SendHeaders();
        var body = _body ??= _request.Http.Response.BodyWriter;
        try
        {
            body.Write(bytes.Span);
            _request.Entry.AddResponseBytes(bytes.Span);
            if (flush)
            {
                var aborted = _request.Aborted;
                var result = await body.FlushAsync(aborted).ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled || aborted.IsCancellationRequested)
                {
                    MarkDisconnected();
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            MarkDisconnected();
            return false;
        }
    }
}
