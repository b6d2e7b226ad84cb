using System.Net.ServerSentEvents;
using System.Text.Json;
using StreamingHarness.LoadTests.Measurement;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.OpenAi;

namespace StreamingHarness.LoadTests.Probes;

/// <summary>
/// OpenAI-compatible <c>/v1/chat/completions</c> SSE. TTFT is the first chunk whose delta has text (a role-only
/// first chunk does not count); output tokens come from the usage chunk (<c>include_usage</c> is requested);
/// <c>data: [DONE]</c> is the terminal, and a stream without it was truncated.
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
        var parser = SseParser.Create(body, static (_, data) => data.SequenceEqual("[DONE]"u8) ? new Item(true, default) : new Item(false, SsePayload.Parse(data)));
        long? tokens = null;
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = Ticks.Now;
            if (item.Data.IsDone)
            {
                timeline.OnTerminal(now, tokens);
                return StreamEnd.Done;
            }

            var payload = item.Data.Payload;
            if (payload.HasError)
            {
                return StreamEnd.Failed(payload.ErrorMessage ?? "(error without a message)");
            }

            timeline.OnChunk(now, payload.HasText);
            if (payload.CompletionTokens >= 0)
            {
                tokens = payload.CompletionTokens;
            }
        }

        throw new StreamProtocolException("the SSE stream ended without data: [DONE]");
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

    private readonly record struct Item(bool IsDone, SsePayload Payload);
}
