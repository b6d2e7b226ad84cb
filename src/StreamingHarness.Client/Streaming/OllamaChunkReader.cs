using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Client.Streaming;

/// <summary>
/// The one robust reader of an Ollama ndjson stream (the client and the relay both run on it). Lines come from
/// Protocol's <see cref="NdjsonReader"/> and are scanned by its <see cref="OllamaChunkScanner"/>, as views of the read
/// buffer: nothing is allocated per line. It ends only in one of two ways: <see cref="ReadLineAsync"/> returns false
/// after a <c>done:true</c> line and a clean end of the body, or an <see cref="OllamaStreamException"/> says what broke
/// (in-band error, malformed, torn, over-long or non-UTF-8 line, end without done, data after done, a reset, a
/// timeout). An <see cref="OperationCanceledException"/> means the caller cancelled.
/// </summary>
public sealed partial class OllamaChunkReader : IOllamaChunkSource
{
    private readonly NdjsonReader _reader;
    private readonly OllamaChunkScanner _scanner;
    private readonly OllamaStreamDeadlines _deadlines;
    private readonly bool _skipMalformedLines;
    private readonly Func<long>? _bytesRead;
    private readonly IAsyncDisposable? _owned;
    private bool _seenFirstToken;

    /// <param name="reader">The response body's lines.</param>
    /// <param name="scanner">Reads each line of the endpoint's chunks in place.</param>
    /// <param name="deadlines">The idle and total deadlines of the stream.</param>
    /// <param name="skipMalformedLines">Skip a line that is not a chunk instead of failing the stream.</param>
    /// <param name="bytesRead">Bytes taken from the connection so far, to tell a line cut by a reset from a break between lines.</param>
    public OllamaChunkReader(
        NdjsonReader reader, OllamaChunkScanner scanner, OllamaStreamDeadlines deadlines, bool skipMalformedLines = false,
        Func<long>? bytesRead = null)
        : this(reader, scanner, deadlines, skipMalformedLines, bytesRead, owned: null)
    {
    }

    private OllamaChunkReader(
        NdjsonReader reader, OllamaChunkScanner scanner, OllamaStreamDeadlines deadlines, bool skipMalformedLines, Func<long>? bytesRead,
        IAsyncDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentNullException.ThrowIfNull(deadlines);
        _reader = reader;
        _scanner = scanner;
        _deadlines = deadlines;
        _skipMalformedLines = skipMalformedLines;
        _bytesRead = bytesRead;
        _owned = owned;
        _onLineRead = OnLineRead;
    }

    /// <summary>Tokens so far: chunks with output (<see cref="OllamaChunk.HasOutput"/>: content, thinking or a tool call).</summary>
    public long TokensReceived { get; private set; }

    /// <summary>The last line read, without its line ending; valid until the next read.</summary>
    public ReadOnlySequence<byte> Current => _reader.Current;

    public long LineNumber => _reader.LineNumber;

    /// <summary>Bytes of the body consumed as complete lines.</summary>
    public long BytesConsumed => _reader.BytesConsumed;

    /// <summary>True once the <c>done:true</c> line was read.</summary>
    public bool SawDone { get; private set; }

    /// <summary>Reads the body of a 2xx answer; the reader owns the answer from then on (dispose it).</summary>
    public static async Task<OllamaChunkReader> OpenAsync(
        HttpResponseMessage response, OllamaEndpoint endpoint, OllamaStreamDeadlines deadlines, int maxLineBytes, bool skipMalformedLines)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(deadlines);
        // The line reader reads the body directly, with zero-byte reads (HttpClient's body streams support them): a
        // stream spends nearly all its time waiting for the next token and holds no buffer while it waits. No pipe and
        // no counting stream sit between them (an async layer each, resumed on every token): the bytes read past the
        // last line are the line reader's own count.
        var body = await ResponseBody.OpenAsync(response, deadlines.Token).ConfigureAwait(false);
        var lines = new NdjsonReader(body, maxLineBytes);
        return new OllamaChunkReader(
            lines, new OllamaChunkScanner(endpoint), deadlines, skipMalformedLines, () => lines.BytesConsumed + lines.BytesPastLastLine,
            new OwnedBody(lines, body, response));
    }

    /// <summary>Checks the line <see cref="ReadLineAsync"/> just read and gives it to <paramref name="handler"/>.</summary>
    public OllamaLineResult HandleLine(IOllamaChunkHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var line = _reader.Current;
        if (NdjsonLines.IsBlank(line))
        {
            return OllamaLineResult.Skipped;
        }

        if (SawDone)
        {
            throw OllamaFailures.Protocol($"upstream line {_reader.LineNumber} came after the done line", TokensReceived);
        }

        OllamaChunk chunk;
        try
        {
            chunk = _scanner.Scan(line, _reader.LineNumber);
        }
        catch (NdjsonFormatException ex)
        {
            if (_skipMalformedLines)
            {
                handler.OnMalformedLineSkipped();
                return OllamaLineResult.Skipped;
            }

            throw OllamaFailures.Protocol("malformed upstream line: " + ex.Message, TokensReceived, ex);
        }

        if (!Utf8.IsValid(chunk.ContentRaw) || !Utf8.IsValid(chunk.ThinkingRaw))
        {
            // The JSON reader checks structure, not the bytes inside strings: pass them on and users would see U+FFFD.
            throw OllamaFailures.Protocol($"upstream line {_reader.LineNumber} holds text that is not valid UTF-8", TokensReceived);
        }

        if (chunk.Kind == OllamaChunkKind.Error)
        {
            throw OllamaFailures.InBandError(OllamaChunk.Decode(chunk.ErrorRaw), TokensReceived);
        }

        if (!_seenFirstToken)
        {
            if (chunk.HasOutput)
            {
                _seenFirstToken = true;
                _deadlines.FirstTokenReceived();
                handler.OnFirstToken();
            }
            else if (chunk.Kind != OllamaChunkKind.Done && !handler.TakesChunksBeforeFirstToken)
            {
                return OllamaLineResult.Skipped;
            }
        }

        if (chunk.HasOutput)
        {
            TokensReceived++;
        }

        if (chunk.Kind == OllamaChunkKind.Done)
        {
            SawDone = true;
            handler.OnDone(chunk, line);
            return OllamaLineResult.Done;
        }

        handler.OnChunk(chunk, line);
        return OllamaLineResult.Chunk;
    }

    /// <summary>Reads until the next chunk (true) or the confirmed end (false).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadChunkAsync(IOllamaChunkHandler handler)
    {
        while (await ReadLineAsync().ConfigureAwait(false))
        {
            if (HandleLine(handler) == OllamaLineResult.Chunk)
            {
                return true;
            }
        }

        return false;
    }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Wraps a whole body already read (a <c>stream:false</c> answer) so it goes through the same checks.</summary>
    public static OllamaChunkReader FromBody(
        ReadOnlyMemory<byte> body, OllamaEndpoint endpoint, OllamaStreamDeadlines deadlines, int maxLineBytes) =>
        new(new NdjsonReader(PipeReader.Create(new ReadOnlySequence<byte>(body)), maxLineBytes), new OllamaChunkScanner(endpoint),
            deadlines);

    private sealed class OwnedBody(NdjsonReader lines, Stream body, HttpResponseMessage response) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            lines.ReleaseBuffer();
            await body.DisposeAsync().ConfigureAwait(false);
            response.Dispose();
        }
    }
}
