using System.Buffers;
using System.Runtime.CompilerServices;
using StreamingHarness.Client.OpenAi;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Client.Transport;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Client.Events;

/// <summary>
/// One chat request as typed events: connect (retries before the first token), then the chunk reader, then
/// token / thinking / tool call events and one done event, with the optional coalescing window. Pull-based: the
/// socket is read only when the caller asks for the next event.
/// </summary>
internal sealed class OllamaEventStream(OllamaTransport transport, OllamaStreamingOptions options, TimeProvider time)
{
    private const int BodyReadSize = 16 * 1024;

    public async IAsyncEnumerable<OllamaStreamEvent> StreamAsync(
        ReadOnlyMemory<byte> body, bool stream, IProgress<StreamProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var deadlines = new OllamaStreamDeadlines(options, time, cancellationToken);
        var started = time.GetTimestamp();
        var reader = await OpenAsync(body, stream, deadlines).ConfigureAwait(false);
        await using (reader)
        {
            var capture = new ChunkCapture();
            var pending = new Pending(options.CoalesceWindow > TimeSpan.Zero, options.MaxBufferedTokens);
            using var window = pending.Enabled ? new WindowTimer(time) : null;
            Task<bool>? inFlight = null;
            TimeSpan? ttft = null;
            while (true)
            {
                if (pending.Count > 0)
                {
                    var left = options.CoalesceWindow - time.GetElapsedTime(pending.Since);
                    inFlight ??= reader.ReadLineAsync().AsTask();
                    if (pending.Full || left <= TimeSpan.Zero
                        || (!inFlight.IsCompleted && !await window!.ReadFirstAsync(inFlight, left).ConfigureAwait(false)))
                    {
                        yield return pending.Take();
                        continue;
                    }
                }

                capture.Reset();
                bool more;
                if (inFlight is not null)
                {
                    more = await inFlight.ConfigureAwait(false);
                    inFlight = null;
                }
                else
                {
                    more = await reader.ReadLineAsync().ConfigureAwait(false);
                }

                if (!more)
                {
                    break;
                }

                if (reader.HandleLine(capture) == OllamaLineResult.Skipped)
                {
                    continue;
                }

                if (capture.FirstToken)
                {
                    ttft = time.GetElapsedTime(started);
                }

                if (capture.Thinking.WrittenCount > 0)
                {
                    if (pending.Add(OllamaStreamEventKind.Thinking, capture.Thinking.WrittenSpan, time, out var flushed))
                    {
                        yield return flushed;
                    }
                    else if (!pending.Enabled)
                    {
                        yield return new OllamaStreamEvent(OllamaStreamEventKind.Thinking, capture.Thinking.WrittenMemory, 1, null, null);
                    }
                }

                if (capture.Content.WrittenCount > 0)
                {
                    if (pending.Add(OllamaStreamEventKind.Token, capture.Content.WrittenSpan, time, out var flushed))
                    {
                        yield return flushed;
                    }
                    else if (!pending.Enabled)
                    {
                        yield return new OllamaStreamEvent(OllamaStreamEventKind.Token, capture.Content.WrittenMemory, 1, null, null);
                    }
                }

                foreach (var call in capture.ToolCalls)
                {
                    if (pending.Count > 0)
                    {
                        yield return pending.Take();
                    }

                    yield return new OllamaStreamEvent(OllamaStreamEventKind.ToolCall, default, 0, call, null);
                }

                progress?.Report(new StreamProgress(reader.TokensReceived, reader.BytesConsumed, ttft));
            }

            if (pending.Count > 0)
            {
                yield return pending.Take();
            }

            var (total, load, promptEval, eval) = capture.Durations;
            var elapsed = time.GetElapsedTime(started);
            var summary = new OllamaStreamSummary
            {
                DoneReason = capture.DoneReason,
                PromptTokens = capture.PromptTokens,
                CompletionTokens = StreamTimeline.OutputTokensOf(capture.CompletionTokens, reader.TokensReceived),
                TotalDuration = Nanoseconds(total),
                LoadDuration = Nanoseconds(load),
                PromptEvalDuration = Nanoseconds(promptEval),
                EvalDuration = Nanoseconds(eval),
                TimeToFirstToken = ttft ?? elapsed,
                Elapsed = elapsed,
                Bytes = reader.BytesConsumed,
            };
            progress?.Report(new StreamProgress(reader.TokensReceived, reader.BytesConsumed, summary.TimeToFirstToken));
            yield return new OllamaStreamEvent(OllamaStreamEventKind.Done, default, 0, null, summary);
        }
    }

    private static TimeSpan Nanoseconds(long value) => TimeSpan.FromTicks(value / 100);

    private async Task<IOllamaChunkSource> OpenAsync(ReadOnlyMemory<byte> body, bool stream, OllamaStreamDeadlines deadlines)
    {
        if (options.Protocol == UpstreamProtocol.OpenAi)
        {
            return await OpenOpenAiAsync(body, deadlines).ConfigureAwait(false);
        }

        var response = await transport.SendAsync(HttpMethod.Post, "api/chat", body, deadlines).ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await transport.ReadFailureAsync(response, deadlines.Token).ConfigureAwait(false);
                }
            }

            if (stream)
            {
                return await OllamaChunkReader
                    .OpenAsync(response, OllamaEndpoint.Chat, deadlines, options.MaxLineBytes, options.SkipMalformedLines)
                    .ConfigureAwait(false);
            }

            using (response)
            {
                var whole = await ReadWholeBodyAsync(response, deadlines).ConfigureAwait(false);
                return OllamaChunkReader.FromBody(whole, OllamaEndpoint.Chat, deadlines, options.MaxLineBytes);
            }
        }
        catch (OperationCanceledException ex) when (!deadlines.CallerCancelled)
        {
            throw deadlines.CancelledFailure(0, ex);
        }
    }

    /// <summary>
    /// The same chat request as a streamed chat completion (an OpenAI upstream always streams, whatever the threshold).
    /// </summary>
    private async Task<IOllamaChunkSource> OpenOpenAiAsync(ReadOnlyMemory<byte> body, OllamaStreamDeadlines deadlines)
    {
        var translation = OpenAiRequestTranslator.Translate(body.Span, OllamaEndpoint.Chat);
        if (translation.Failed)
        {
            throw new InvalidOperationException("the chat request cannot be sent to an OpenAI upstream: " + translation.Error);
        }

        var response = await transport.SendAsync(HttpMethod.Post, OpenAiChunkSource.ChatCompletionsPath, translation.Body, deadlines)
            .ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await transport.ReadFailureAsync(response, deadlines.Token).ConfigureAwait(false);
                }
            }

            return await OpenAiChunkSource.OpenAsync(response, deadlines, options.MaxLineBytes, options.SkipMalformedLines)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!deadlines.CallerCancelled)
        {
            throw deadlines.CancelledFailure(0, ex);
        }
    }

    /// <summary>
    /// A <c>stream:false</c> answer, up to one byte over the line limit (the reader reports the excess), newline-terminated.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadWholeBodyAsync(HttpResponseMessage response, OllamaStreamDeadlines deadlines)
    {
        var buffer = new ArrayBufferWriter<byte>(BodyReadSize);
        try
        {
            var content = await response.Content.ReadAsStreamAsync(deadlines.Token).ConfigureAwait(false);
            await using (content)
            {
                int read;
                while (buffer.WrittenCount <= options.MaxLineBytes
                    && (read = await content.ReadAsync(buffer.GetMemory(BodyReadSize), deadlines.Token).ConfigureAwait(false)) > 0)
                {
                    buffer.Advance(read);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw OllamaFailures.ConnectionBroke(ex, 0);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenMemory;
    }

    /// <summary>
    /// Tokens held for the coalescing window, one kind at a time. Two buffers take turns, so the text of an event
    /// just handed out stays intact while the next tokens gather.
    /// </summary>
    private sealed class Pending(bool enabled, int maxTokens)
    {
        private ArrayBufferWriter<byte> _text = new(256);
        private ArrayBufferWriter<byte> _handedOut = new(256);
        private OllamaStreamEventKind _kind;

        public bool Enabled => enabled;

        public int Count { get; private set; }

        public long Since { get; private set; }

        public bool Full => Count >= maxTokens;

        /// <summary>Holds a token; true with <paramref name="flushed"/> when tokens of the other kind had to go out first.</summary>
        public bool Add(OllamaStreamEventKind kind, ReadOnlySpan<byte> text, TimeProvider time, out OllamaStreamEvent flushed)
        {
            flushed = default;
            if (!enabled)
            {
                return false;
            }

            var hadOther = Count > 0 && _kind != kind;
            if (hadOther)
            {
                flushed = Take();
            }

            if (Count == 0)
            {
                _text.ResetWrittenCount();
                _kind = kind;
                Since = time.GetTimestamp();
            }

            _text.Write(text);
            Count++;
            return hadOther;
        }

        public OllamaStreamEvent Take()
        {
            var taken = new OllamaStreamEvent(_kind, _text.WrittenMemory, Count, null, null);
            Count = 0;
            (_text, _handedOut) = (_handedOut, _text);
            return taken;
        }
    }
}
