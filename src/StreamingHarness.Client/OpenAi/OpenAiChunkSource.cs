using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Client.OpenAi;

/// <summary>
/// Reads an OpenAI chat-completions SSE stream (framing by the platform's <see cref="SseParser"/>) and hands it on
/// as Ollama chunks, so everything built on <see cref="IOllamaChunkHandler"/> (typed events, the relay's formats)
/// works unchanged, with the same deadlines and the same <see cref="OllamaStreamException"/> codes as the ndjson
/// reader. Text and reasoning deltas become content and thinking; tool call fragments are assembled and handed on
/// whole with the finish reason; the end (<see cref="OpenAiStreamEnd"/>: <c>[DONE]</c>, or the clean end of the body after
/// a finish reason) is the done chunk, with the counts of the <c>usage</c> event. A stream that ends with neither is
/// <c>upstream_protocol</c>, never done, and a break is <c>upstream_disconnected</c> even after a finish reason;
/// an <c>error</c> payload is <c>upstream_error</c>; anything after <c>[DONE]</c> is <c>upstream_protocol</c>.
/// </summary>
public sealed class OpenAiChunkSource : IOllamaChunkSource
{
    /// <summary>Relative to the base address, which includes <c>/v1</c>.</summary>
    public const string ChatCompletionsPath = "chat/completions";

    private readonly IAsyncEnumerator<SseItem<OpenAiEventKind>> _events;
    private readonly OpenAiEventScanner _scanner;
    private readonly OllamaStreamDeadlines _deadlines;
    private readonly bool _skipMalformedEvents;
    private readonly Func<long> _bytesRead;
    private readonly IAsyncDisposable _owned;
    private OpenAiEventKind _current;
    private byte[]? _doneReason;
    private bool _seenFirstToken;
    private bool _ended;
    private bool _doneNext;
    private bool _sawDone;
    private long _eventNumber;

    private OpenAiChunkSource(
        Stream body, OllamaStreamDeadlines deadlines, int maxEventBytes, bool skipMalformedEvents, IAsyncDisposable owned)
    {
        var counting = new CountingReadStream(body);
        _scanner = new OpenAiEventScanner(maxEventBytes);
        _events = SseParser.Create(counting, (_, data) => _scanner.Scan(data)).EnumerateAsync(deadlines.Token).GetAsyncEnumerator();
        _deadlines = deadlines;
        _skipMalformedEvents = skipMalformedEvents;
        _bytesRead = () => counting.BytesRead;
        _owned = owned;
    }

    public long TokensReceived { get; private set; }

    public long BytesConsumed => _bytesRead();

    /// <summary>Reads the body of a 2xx answer; the source owns the answer from then on (dispose it).</summary>
    public static async Task<OpenAiChunkSource> OpenAsync(
        HttpResponseMessage response, OllamaStreamDeadlines deadlines, int maxEventBytes, bool skipMalformedEvents)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(deadlines);
        var body = await ResponseBody.OpenAsync(response, deadlines.Token).ConfigureAwait(false);
        return new OpenAiChunkSource(body, deadlines, maxEventBytes, skipMalformedEvents, new OwnedBody(body, response));
    }

    /// <summary>Reads a body already in memory (tests, recordings) through the same checks.</summary>
    public static OpenAiChunkSource FromBody(ReadOnlyMemory<byte> body, OllamaStreamDeadlines deadlines, int maxEventBytes)
    {
        var stream = new MemoryStream(body.ToArray(), writable: false);
        return new OpenAiChunkSource(stream, deadlines, maxEventBytes, skipMalformedEvents: false, stream);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadLineAsync()
    {
        if (_doneNext)
        {
            _doneNext = false;
            _current = OpenAiEventKind.EndAfterFinish;
            return true;
        }

        if (_ended)
        {
            return _sawDone ? false : throw EndedEarly();
        }

        bool hasEvent;
        try
        {
            hasEvent = await _events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_deadlines.CallerCancelled)
        {
            return _sawDone ? false : throw _deadlines.CancelledFailure(TokensReceived);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
        {
            hasEvent = false;
            if (!_sawDone)
            {
                // A break is never an end (OpenAiStreamEnd), even after a finish reason.
                throw OllamaFailures.ConnectionBroke(ex, TokensReceived);
            }
        }

        if (!hasEvent)
        {
            _ended = true;
            if (_sawDone)
            {
                return false;
            }

            // The answer's end was announced (finish_reason) but not [DONE]: whole by the one end rule.
            _current = OpenAiStreamEnd.IsWholeWithoutDoneMarker(_doneReason is not null)
                ? OpenAiEventKind.EndAfterFinish
                : throw EndedEarly();
            return true;
        }

        _eventNumber++;
        _current = _events.Current.Data;
        _deadlines.LineReceived();
        return true;
    }

    public OllamaLineResult HandleLine(IOllamaChunkHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_sawDone)
        {
            throw OllamaFailures.Protocol($"upstream event {_eventNumber} came after data: [DONE]", TokensReceived);
        }

        switch (_current)
        {
            case OpenAiEventKind.Error:
                throw OllamaFailures.InBandError(_scanner.ErrorMessage!, TokensReceived);
            case OpenAiEventKind.TooLong:
                throw OllamaFailures.Protocol($"upstream event {_eventNumber}: {_scanner.Problem}", TokensReceived);
            case OpenAiEventKind.Malformed when _skipMalformedEvents:
                handler.OnMalformedLineSkipped();
                return OllamaLineResult.Skipped;
            case OpenAiEventKind.Malformed:
                throw OllamaFailures.Protocol($"malformed upstream event {_eventNumber}: {_scanner.Problem}", TokensReceived);
            case OpenAiEventKind.DoneMarker or OpenAiEventKind.EndAfterFinish:
                return _scanner.ToolCalls.HasCalls ? Chunk(handler, withText: false, doneNext: true) : Done(handler);
            default:
                _doneReason = _scanner.DoneReason ?? _doneReason;
                return Chunk(handler, withText: true, doneNext: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync().ConfigureAwait(false);
        await _owned.DisposeAsync().ConfigureAwait(false);
        _scanner.Dispose();
    }

    /// <summary>The calls are handed on whole once their end is known: with the finish reason, or at the end.</summary>
    private OllamaLineResult Chunk(IOllamaChunkHandler handler, bool withText, bool doneNext)
    {
        ReadOnlySpan<byte> toolCalls = default;
        if (_scanner.ToolCalls.HasCalls && (_scanner.DoneReason is not null || doneNext))
        {
            toolCalls = (_scanner.ToolCalls.Take(out var problem) ?? throw OllamaFailures.Protocol(problem!, TokensReceived)).Span;
        }

        var chunk = new OllamaChunk
        {
            Kind = OllamaChunkKind.Partial,
            ContentRaw = withText ? _scanner.ContentRaw : default,
            ThinkingRaw = withText ? _scanner.ThinkingRaw : default,
            ToolCallsJson = toolCalls,
            EvalCount = -1,
            PromptEvalCount = -1,
        };
        _doneNext = doneNext;
        if (!chunk.HasOutput)
        {
            return OllamaLineResult.Skipped;
        }

        MarkFirstToken(handler);

        TokensReceived++;
        handler.OnChunk(chunk, ReadOnlySequence<byte>.Empty);
        return OllamaLineResult.Chunk;
    }

    private OllamaLineResult Done(IOllamaChunkHandler handler)
    {
        var chunk = new OllamaChunk
        {
            Kind = OllamaChunkKind.Done,
            DoneReasonRaw = _doneReason ?? OpenAiFinishReason.Stop,
            EvalCount = _scanner.CompletionTokens,
            PromptEvalCount = _scanner.PromptTokens,
        };
        _sawDone = true;
        handler.OnDone(chunk, ReadOnlySequence<byte>.Empty);
        return OllamaLineResult.Done;
    }

    /// <summary>The first chunk with output is the first token (OllamaChunk.HasOutput); the done chunk never is.</summary>
    private void MarkFirstToken(IOllamaChunkHandler handler)
    {
        if (!_seenFirstToken)
        {
            _seenFirstToken = true;
            _deadlines.FirstTokenReceived();
            handler.OnFirstToken();
        }
    }

    private OllamaStreamException EndedEarly() => OllamaFailures.Protocol(
        $"the upstream ended the stream after {_eventNumber} events {OpenAiStreamEnd.Missing}", TokensReceived);

    private sealed class OwnedBody(Stream body, HttpResponseMessage response) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await body.DisposeAsync().ConfigureAwait(false);
            response.Dispose();
        }
    }
}
