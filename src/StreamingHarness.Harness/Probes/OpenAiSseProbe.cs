using System.Net.ServerSentEvents;
using System.Text.Json;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.OpenAi;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// OpenAI-compatible <c>/v1/chat/completions</c> SSE. TTFT is the first chunk whose delta has text (a role-only
/// first chunk does not count); output tokens come from the usage chunk (<c>include_usage</c> is requested);
/// the end is <see cref="OpenAiStreamEnd"/>'s: <c>data: [DONE]</c>, or a clean end after a finish reason; without
/// either the stream was truncated.
/// </summary>
internal sealed class OpenAiSseProbe : IStreamProbe
{
    private readonly RequestFactory _requests;

    public OpenAiSseProbe(ProbeRequestOptions options, string path = "/v1/chat/completions")
    {
        _requests = new RequestFactory(options, path, model => Serialize(model, options));
        Description = $"OpenAI SSE {path}";
    }

    public string Description { get; }

    public HttpRequestMessage CreateRequest(string model) => _requests.Create(model);

    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var texts = timeline.Texts;
        var parser = texts is null
            ? SseParser.Create(body, static (_, data) => new Item(StreamLineClassifier.OpenAiData(data), null))
            : SseParser.Create(body, static (_, data) => WithText(data));
        long? tokens = null;
        var finished = false;
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = timeline.Now;
            var line = item.Data.Line;
            switch (line.Kind)
            {
                case StreamLineKind.Terminal:
                    timeline.OnTerminal(now, tokens);
                    return StreamEnd.Done;
                case StreamLineKind.Error:
                    return StreamEnd.Failed(line.ErrorMessage!);
                case StreamLineKind.Malformed:
                    throw new StreamProtocolException("an SSE data payload is malformed: " + line.Problem);
            }

            if (item.Data.Text is { } text)
            {
                texts?.Add(text);
            }

            timeline.OnChunk(now, line.HasOutput);
            finished |= line.HasFinishReason;
            if (line.CompletionTokens >= 0)
            {
                tokens = line.CompletionTokens;
            }
        }

        if (OpenAiStreamEnd.IsWholeWithoutDoneMarker(finished))
        {
            timeline.OnTerminal(timeline.Now, tokens);
            return StreamEnd.Done;
        }

        throw new StreamProtocolException("the SSE stream ended " + OpenAiStreamEnd.Missing);
    }

    private static byte[] Serialize(string model, ProbeRequestOptions options)
    {
        using var prompt = JsonDocument.Parse("\"" + JsonEncodedText.Encode(options.Prompt) + "\"");
        var request = new ChatCompletionRequest
        {
            Model = model,
            Messages = [new OpenAiMessage { Role = "user", Content = prompt.RootElement.Clone() }],
            Stream = true,
            StreamOptions = new StreamOptions { IncludeUsage = true },
            MaxTokens = options.MaxTokens,
            Seed = options.Seed,
        };
        return JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJson.Context.ChatCompletionRequest);
    }

    /// <summary>For verify only: the content text as well, read once more by path (a load run never keeps text).</summary>
    private static Item WithText(ReadOnlySpan<byte> data)
    {
        var line = StreamLineClassifier.OpenAiData(data);
        return new Item(line, line.Kind == StreamLineKind.Content ? StreamLineText.OpenAiContent(data) : null);
    }

    private readonly record struct Item(StreamLine Line, string? Text);
}
