using System.Text.Json.Nodes;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// Ollama's native <c>/api/chat</c> ndjson stream, from the fake, the relay's pass-through or a real Ollama.
/// Lines are read and classified in place (<see cref="NdjsonLineBuffer"/>, <see cref="OllamaChunkScanner"/>): no
/// allocation per token. A blank line is tolerated; a line after <c>done</c> or a body without <c>done</c> is a
/// protocol error.
/// </summary>
internal sealed class NdjsonProbe : IStreamProbe
{
    private readonly RequestFactory _requests;

    public NdjsonProbe(ProbeRequestOptions options, string path = "/api/chat")
    {
        _requests = new RequestFactory(options, path, model => Serialize(model, options));
        Description = $"ollama ndjson {path}";
    }

    public string Description { get; }

    public HttpRequestMessage CreateRequest(string model) => _requests.Create(model);

    /// <summary>This probe stamps each read of the body itself: no <see cref="TimingReadStream"/> around it.</summary>
    public bool StampsReads => true;

    /// <summary>
    /// Awaits the body directly and takes its lines synchronously (<see cref="NdjsonLineBuffer"/>): one continuation per
    /// read of the body, where a stream wrapper, a PipeReader and a line reader made it four.
    /// </summary>
    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        using var lines = new NdjsonLineBuffer();
        var scanner = new OllamaChunkScanner(OllamaEndpoint.Chat);
        StreamEnd? end = null;
        while (true)
        {
            var read = await body.ReadAsync(lines.GetMemory(), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                lines.Complete();
                return end ?? throw new StreamProtocolException($"the body ended after {lines.LineNumber} lines without a done chunk");
            }

            timeline.OnBytes(timeline.Now, read);
            lines.Advance(read);
            end = TakeLines(lines, scanner, timeline, end);
            if (end is { Error: not null } failed)
            {
                return failed;
            }
        }
    }

    /// <summary>Every complete line of the bytes read so far; the stream's end once its terminal or error line came.</summary>
    private static StreamEnd? TakeLines(NdjsonLineBuffer lines, OllamaChunkScanner scanner, RequestTimeline timeline, StreamEnd? end)
    {
        while (lines.TryReadLine(out var line))
        {
            if (NdjsonLines.IsBlank(line))
            {
                // A line all the same, as the client library counts it: it restarts the idle clock.
                timeline.OnLine(timeline.Now);
                continue;
            }

            if (end is not null)
            {
                throw new StreamProtocolException($"ndjson line {lines.LineNumber}: a line after the done chunk");
            }

            end = Classify(scanner, line, lines.LineNumber, timeline);
            if (end is { Error: not null })
            {
                return end;
            }
        }

        return end;
    }

    private static StreamEnd? Classify(OllamaChunkScanner scanner, ReadOnlySpan<byte> text, long lineNumber, RequestTimeline timeline)
    {
        var now = timeline.Now;
        var chunk = scanner.Scan(text, lineNumber);
        var line = StreamLineClassifier.Ndjson(chunk);
        switch (line.Kind)
        {
            case StreamLineKind.Malformed:
                throw new StreamProtocolException($"ndjson line {lineNumber}: {line.Problem}");
            case StreamLineKind.Error:
                return StreamEnd.Failed(line.ErrorMessage!);
            case StreamLineKind.Terminal:
                AddText(timeline, chunk.ContentRaw);
                timeline.OnChunk(now, line.HasOutput);
                timeline.OnTerminal(now, line.CompletionTokens >= 0 ? line.CompletionTokens : null);
                return StreamEnd.Done;
            default:
                AddText(timeline, chunk.ContentRaw);
                timeline.OnChunk(now, line.HasOutput);
                return null;
        }
    }

    /// <summary>Decodes the content only when someone collects it (verify); a load run never does.</summary>
    private static void AddText(RequestTimeline timeline, ReadOnlySpan<byte> contentRaw)
    {
        if (timeline.Texts is { } texts && !contentRaw.IsEmpty)
        {
            texts.Add(OllamaChunk.Decode(contentRaw));
        }
    }

    private static byte[] Serialize(string model, ProbeRequestOptions options)
    {
        var request = new ChatRequest
        {
            Model = model,
            Messages = [new ChatMessage { Role = "user", Content = options.Prompt }],
            Stream = true,
            Options = BuildOptions(options),
        };
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJson.Context.ChatRequest);
    }

    /// <summary>Ollama's <c>options</c>: <c>num_predict</c> and <c>seed</c> when set.</summary>
    internal static JsonObject? BuildOptions(ProbeRequestOptions options)
    {
        if (options.MaxTokens is null && options.Seed is null)
        {
            return null;
        }

        var result = new JsonObject();
        if (options.MaxTokens is { } max)
        {
            result["num_predict"] = max;
        }

        if (options.Seed is { } seed)
        {
            result["seed"] = seed;
        }

        return result;
    }
}
