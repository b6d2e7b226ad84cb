using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Pipeline;

/// <summary>
/// The one way the fake writes an answer. Each chunk is framed into a reused buffer (ndjson line, SSE frame or whole
/// JSON body), handed to the scenario's faults (<see cref="IStreamFault"/>), then written and flushed on its own, so
/// every line is one write and one flush as in Ollama. Headers go out with the first line, never before: everything
/// that happens earlier (queueing, load, prompt evaluation) shows up as time-to-headers.
/// Tracks tokens delivered and notices a client that went away (failed flush or aborted request).
/// </summary>
internal sealed partial class ResponseStream : IFaultTarget, IDisposable
{
    private static readonly byte[] DoneMarker = "data: [DONE]\n\n"u8.ToArray();

    private readonly FakeRequest _request;
    private readonly Scenario _scenario;
    private readonly StreamFraming _framing;
    private readonly string _contentType;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private readonly FaultContext _faultContext;

    private readonly int _status;

    // The response's body writer, looked up once (each lookup goes through the feature collection): nothing replaces it.
    private PipeWriter? _body;

    public ResponseStream(
        FakeRequest request, Scenario scenario, StreamFraming framing, string contentType, double timeScale, int seed,
        int status = StatusCodes.Status200OK)
    {
        _status = status;
        _request = request;
        _scenario = scenario;
        _framing = framing;
        _contentType = contentType;
        _json = new Utf8JsonWriter(_buffer, ProtocolJson.WriterOptions);
        _faultContext = new FaultContext(this, request, scenario, timeScale, seed);
    }

    public StreamFraming Framing => _framing;

    /// <summary>What the scenario's faults see of this stream (semantic faults record their firing through it).</summary>
    internal FaultContext Faults => _faultContext;

    public int TokensDelivered { get; private set; }

    public bool HeadersSent { get; private set; }

    /// <summary>Tokens gathered into a non-streamed body; they count as delivered once the body is written.</summary>
    public int BufferedTokens { get; set; }

    /// <summary>True once nothing more may be written: a fault stopped the stream or the client left.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// Frames and writes one chunk; with <paramref name="createdAt"/>, the chunk's <c>created_at</c> is
    /// <see cref="CreatedAtStamp.Placeholder"/> and is stamped with that time in the framed bytes; with
    /// <paramref name="eventType"/> an SSE frame starts with its <c>event:</c> line (Responses, Anthropic Messages).
    /// Returns false when the stream must stop. <paramref name="textLength"/> is the answer text the line carries, for
    /// the journal.
    /// </summary>
    public ValueTask<bool> WriteAsync<T>(
        T value, JsonTypeInfo<T> typeInfo, LineKind kind, DateTimeOffset? createdAt = null, int textLength = 0, string? eventType = null)
    {
        if (Ended)
        {
            return ValueTask.FromResult(false);
        }

        _buffer.ResetWrittenCount();
        if (_framing == StreamFraming.Sse)
        {
            if (eventType is not null)
            {
                _buffer.Write("event: "u8);
                Encoding.UTF8.GetBytes(eventType, _buffer);
                _buffer.Write("\n"u8);
            }

            _buffer.Write("data: "u8);
        }

        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, ProtocolJson.FastPath(typeInfo));
        _json.Flush();
        if (createdAt is { } time && !CreatedAtStamp.Stamp(_buffer, time))
        {
            throw new InvalidOperationException("The chunk has no created_at placeholder to stamp.");
        }

        switch (_framing)
        {
            case StreamFraming.Sse:
                _buffer.Write("\n\n"u8);
                break;
            case StreamFraming.Ndjson:
                _buffer.Write("\n"u8);
                break;
        }

        return EmitAsync(new OutgoingLine(kind, _buffer.WrittenMemory, TokensDelivered), textLength);
    }

    /// <summary>A non-streamed body; <paramref name="trailingNewline"/> as Go's json.Encoder writes it (OpenAI layer).</summary>
    public ValueTask<bool> WriteBodyAsync<T>(T value, JsonTypeInfo<T> typeInfo, bool trailingNewline)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, ProtocolJson.FastPath(typeInfo));
        _json.Flush();
        if (trailingNewline)
        {
            _buffer.Write("\n"u8);
        }

        return EmitAsync(new OutgoingLine(LineKind.Body, _buffer.WrittenMemory, TokensDelivered));
    }

    /// <summary>A line already framed (a recorded line): faults see it, then it is written and flushed on its own.</summary>
    public ValueTask<bool> WriteFramedAsync(ReadOnlyMemory<byte> line, LineKind kind) =>
        Ended ? ValueTask.FromResult(false) : EmitAsync(new OutgoingLine(kind, line, TokensDelivered));

    public ValueTask<bool> WriteDoneMarkerAsync() =>
        Ended ? ValueTask.FromResult(false) : EmitAsync(new OutgoingLine(LineKind.DoneMarker, DoneMarker, TokensDelivered));

    /// <summary>
    /// Ollama's answer to an error the model runner reports: the HTTP error while nothing is written (also for a
    /// non-streamed body), else the in-band error line (on <c>/v1</c>, the silent truncation); the stream then ends.
    /// </summary>
    public async ValueTask WriteErrorAsync(int status, string message)
    {
        if (Ended)
        {
            return;
        }

        if (!HeadersSent)
        {
            Stop(StreamEnding.Error, $"{status} {message}");
            await Endpoints.OllamaErrorResponder.WriteAsync(_request, status, message).ConfigureAwait(false);
            return;
        }

        await InBandError.WriteAsync(_faultContext, message, _buffer.WrittenMemory).ConfigureAwait(false);
        Stop(StreamEnding.Error, $"in-band error after {TokensDelivered} tokens: {message}");
    }

    /// <summary>Lets the faults act at the start of the load phase (their delays count as load time).</summary>
    public async ValueTask LoadAsync()
    {
        foreach (var fault in _scenario.Faults)
        {
            await fault.OnLoadAsync(_faultContext).ConfigureAwait(false);
        }
    }

    /// <summary>Lets the faults act after the final line, then records a normal end unless something else ended it.</summary>
    public async ValueTask CompleteAsync()
    {
        if (Ended)
        {
            return;
        }

        foreach (var fault in _scenario.Faults)
        {
            await fault.AtEndAsync(_faultContext).ConfigureAwait(false);
            if (Ended)
            {
                return;
            }
        }
    }

    /// <summary>Called when a delay or write saw the client leave.</summary>
    public void MarkDisconnected()
    {
        Ended = true;
        _request.EndWith(StreamEnding.ClientDisconnected, $"client disconnected at token {TokensDelivered}");
    }

    void IFaultTarget.EndWith(StreamEnding ending, string detail) => Stop(ending, detail);

    internal void Stop(StreamEnding ending, string detail)
    {
        Ended = true;
        _request.EndWith(ending, detail);
    }

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
        var body = _body ??= _request.Http.Response.BodyWriter;
        ValueTask<FlushResult> flush;
        try
        {
            flush = body.WriteAsync(line.Bytes, _request.Aborted);
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

    private bool Flushed(FlushResult result, OutgoingLine line, int textLength) =>
        result.IsCompleted || result.IsCanceled || _request.Aborted.IsCancellationRequested
            ? Undelivered(line)
            : Delivered(line, textLength, line.Bytes.Span);

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

    public void Dispose() => _json.Dispose();
}
