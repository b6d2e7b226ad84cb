using System.Globalization;
using System.Net.ServerSentEvents;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// The relay's SSE contract on <c>/stream/chat</c>: <c>start</c>, <c>token</c>, <c>tool_call</c>, then exactly one
/// of <c>done</c> or <c>error</c>, every event with an increasing <c>id:</c>. TTFT is the first token event with
/// text. Any break of the contract (no id, ids not increasing, no terminal, an event after <c>done</c>) is a
/// protocol error.
/// </summary>
internal sealed class RelaySseProbe : IStreamProbe
{
    private readonly RequestFactory _requests;

    public RelaySseProbe(ProbeRequestOptions options, string path = "/stream/chat")
    {
        _requests = new RequestFactory(options, path, model => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new ChatRequest
            {
                Model = model,
                Messages = [new ChatMessage { Role = "user", Content = options.Prompt }],
                Stream = true,
                Options = NdjsonProbe.BuildOptions(options),
            },
            ProtocolJson.Context.ChatRequest));
        Description = $"relay SSE {path}";
    }

    public string Description { get; }

    public HttpRequestMessage CreateRequest(string model) => _requests.Create(model);

    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var texts = timeline.Texts;
        var parser = texts is null
            ? SseParser.Create(body, static (type, data) => new Item(StreamLineClassifier.RelayEvent(type, data), null))
            : SseParser.Create(body, static (type, data) => WithText(type, data));
        long lastId = -1;
        var done = false;
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = timeline.Now;
            if (done)
            {
                throw new StreamProtocolException($"event '{item.EventType}' after the done event");
            }

            lastId = CheckId(item.EventId, lastId, item.EventType);
            var line = item.Data.Line;
            switch (line.Kind)
            {
                case StreamLineKind.Malformed:
                    throw new StreamProtocolException($"event '{item.EventType}' is malformed: {line.Problem}");
                case StreamLineKind.Terminal:
                    timeline.OnTerminal(now, line.CompletionTokens >= 0 ? line.CompletionTokens : null);
                    done = true;
                    break;
                case StreamLineKind.Error:
                    return StreamEnd.Failed($"{line.ErrorCode ?? "(no code)"}: {line.ErrorMessage}", line.ErrorCode);
                default:
                    if (item.Data.Text is { } text)
                    {
                        texts?.Add(text);
                    }

                    timeline.OnChunk(now, line.HasOutput);
                    break;
            }
        }

        return done ? StreamEnd.Done : throw new StreamProtocolException("the SSE stream ended without a done or error event");
    }

    private static long CheckId(string? eventId, long lastId, string eventType)
    {
        if (!long.TryParse(eventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new StreamProtocolException($"event '{eventType}' has no numeric id (id: '{eventId}')");
        }

        if (id <= lastId)
        {
            throw new StreamProtocolException($"event '{eventType}' has id {id}, not after the previous id {lastId}");
        }

        return id;
    }

    /// <summary>For verify only: a token's content text as well, read once more by path (a load run never keeps text).</summary>
    private static Item WithText(string type, ReadOnlySpan<byte> data)
    {
        var line = StreamLineClassifier.RelayEvent(type, data);
        return new Item(line, line.Kind == StreamLineKind.Content ? StreamLineText.RelayTokenContent(data) : null);
    }

    private readonly record struct Item(StreamLine Line, string? Text);
}
