using System.Net.ServerSentEvents;
using System.Text.Json;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.Anthropic;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Responses;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// The SSE streams whose events are named by their type (<see cref="StreamLineClassifier.TypedEvent"/>): OpenAI
/// Responses on <c>/v1/responses</c> and Anthropic Messages on <c>/v1/messages</c>, as Codex- and Claude-style clients
/// ask for them. TTFT is the first delta with text; the token count is the usage's <c>output_tokens</c>
/// (<c>response.completed</c>, <c>message_delta</c>); the terminal is <c>response.completed</c> or <c>message_stop</c>.
/// An <c>error</c> or <c>response.failed</c> event fails the stream; no terminal (Ollama just stops on a failure), an
/// event after it, or a malformed event is a protocol error.
/// </summary>
internal sealed class TypedEventSseProbe : IStreamProbe
{
    /// <summary>The Messages API version the request names, as the Anthropic SDKs send it.</summary>
    public const string AnthropicVersion = "2023-06-01";

    /// <summary>
    /// Messages requires <c>max_tokens</c>; without <c>--max-tokens</c> it is this, above verify's largest answer
    /// (slow-reader's 500,000 tokens), so the answer is the scenario's and not the limit's.
    /// </summary>
    public const int DefaultMessagesMaxTokens = 1 << 20;

    private readonly RequestFactory _requests;

    private TypedEventSseProbe(RequestFactory requests, string description)
    {
        _requests = requests;
        Description = description;
    }

    public string Description { get; }

    /// <summary><c>POST /v1/responses</c> with <c>input</c> the prompt and <c>stream:true</c>.</summary>
    public static TypedEventSseProbe Responses(ProbeRequestOptions options, string path = "/v1/responses") => new(
        new RequestFactory(options, path, model => JsonSerializer.SerializeToUtf8Bytes(
            new ResponsesRequest { Model = model, Input = Text(options.Prompt), MaxOutputTokens = options.MaxTokens, Stream = true },
            ProtocolJson.Context.ResponsesRequest)),
        $"OpenAI Responses SSE {path}");

    /// <summary><c>POST /v1/messages</c> with one user message, <c>stream:true</c> and the <c>anthropic-version</c> header.</summary>
    public static TypedEventSseProbe Messages(ProbeRequestOptions options, string path = "/v1/messages") => new(
        new RequestFactory(
            options,
            path,
            model => JsonSerializer.SerializeToUtf8Bytes(
                new MessagesRequest
                {
                    Model = model,
                    MaxTokens = options.MaxTokens ?? DefaultMessagesMaxTokens,
                    Messages = [new MessageParam { Role = "user", Content = Text(options.Prompt) }],
                    Stream = true,
                },
                ProtocolJson.Context.MessagesRequest),
            modelHeaders: static _ => [KeyValuePair.Create("anthropic-version", AnthropicVersion)]),
        $"Anthropic Messages SSE {path}");

    public HttpRequestMessage CreateRequest(string model) => _requests.Create(model);

    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var texts = timeline.Texts;
        var parser = texts is null
            ? SseParser.Create(body, static (type, data) => new Item(StreamLineClassifier.TypedEvent(type, data), null))
            : SseParser.Create(body, static (type, data) => WithText(type, data));
        long? tokens = null;
        var done = false;
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = timeline.Now;
            var line = item.Data.Line;
            if (done)
            {
                throw new StreamProtocolException($"event '{item.EventType}' after the terminal event");
            }

            if (line.CompletionTokens >= 0)
            {
                tokens = line.CompletionTokens;
            }

            switch (line.Kind)
            {
                case StreamLineKind.Malformed:
                    throw new StreamProtocolException($"event '{item.EventType}' is malformed: {line.Problem}");
                case StreamLineKind.Error:
                    return StreamEnd.Failed(line.ErrorMessage!, line.ErrorCode);
                case StreamLineKind.Terminal:
                    timeline.OnTerminal(now, tokens);
                    done = true;
                    break;
                default:
                    if (item.Data.Text is { } text)
                    {
                        texts?.Add(text);
                    }

                    timeline.OnChunk(now, line.HasOutput);
                    break;
            }
        }

        return done ? StreamEnd.Done : throw new StreamProtocolException("the SSE stream ended without its terminal event");
    }

    private static JsonElement Text(string prompt)
    {
        using var document = JsonDocument.Parse("\"" + JsonEncodedText.Encode(prompt) + "\"");
        return document.RootElement.Clone();
    }

    /// <summary>For verify only: a text delta's text as well, read once more (a load run never keeps text).</summary>
    private static Item WithText(string type, ReadOnlySpan<byte> data)
    {
        var line = StreamLineClassifier.TypedEvent(type, data);
        return new Item(line, line.Kind == StreamLineKind.Content ? StreamLineText.TypedEventDelta(data) : null);
    }

    private readonly record struct Item(StreamLine Line, string? Text);
}
