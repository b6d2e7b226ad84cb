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

    // The connection's own writer (SocketWriteThrough), looked up once Kestrel has sent the head: the common line then
    // goes to it as a chunk of its own (SocketPipeWriter.WriteChunkAsync). Null under the in-process test server,
    // --buffered-writes, a scenario with faults, and once anything was written through Kestrel without a whole line.
    private SocketPipeWriter? _direct;
    private bool _directLookedUp;

    // The fast-path metadata of the last chunk type written (a stream writes one or two): looked up again only when the
    // type changes, not in the options' cache at every line.
    private JsonTypeInfo? _typeInfo;
    private JsonTypeInfo? _fastTypeInfo;

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

        BeginLine(eventType);
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, FastPath(typeInfo));
        _json.Flush();
        if (createdAt is { } time && !CreatedAtStamp.Stamp(_buffer, time))
        {
            throw new InvalidOperationException("The chunk has no created_at placeholder to stamp.");
        }

        return EndLineAsync(kind, textLength);
    }

    /// <summary>
    /// A token line from its byte template (<see cref="TokenLineTemplate"/>), framed and written as
    /// <see cref="WriteAsync{T}"/> writes the same chunk; <paramref name="text"/> must <see cref="TokenLineTemplate.Fits"/>.
    /// </summary>
    public ValueTask<bool> WriteAsync(TokenLineTemplate template, DateTimeOffset createdAt, string text, LineKind kind, int textLength)
    {
        if (Ended)
        {
            return ValueTask.FromResult(false);
        }

        BeginLine(eventType: null);
        template.Write(_buffer, createdAt, text);
        return EndLineAsync(kind, textLength);
    }

    /// <summary>The chunk's JSON as this stream's lines write it, unframed: what a <see cref="TokenLineTemplate"/> is cut from.</summary>
    public byte[] Render<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, FastPath(typeInfo));
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private void BeginLine(string? eventType)
    {
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
    }

    private ValueTask<bool> EndLineAsync(LineKind kind, int textLength)
    {
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
        JsonSerializer.Serialize(_json, value, FastPath(typeInfo));
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

    private JsonTypeInfo<T> FastPath<T>(JsonTypeInfo<T> typeInfo)
    {
        if (!ReferenceEquals(typeInfo, _typeInfo))
        {
            _fastTypeInfo = ProtocolJson.FastPath(typeInfo);
            _typeInfo = typeInfo;
        }

        // The pair was set together: the fast metadata is of the same T.
        return Unsafe.As<JsonTypeInfo<T>>(_fastTypeInfo)!;
    }

    public void Dispose() => _json.Dispose();
}
