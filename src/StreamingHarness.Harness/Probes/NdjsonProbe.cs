using System.IO.Pipelines;
using System.Text.Json.Nodes;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// Ollama's native <c>/api/chat</c> ndjson stream, from the fake, the relay's pass-through or a real Ollama.
/// Lines are read and classified in place (<see cref="NdjsonReader"/>, <see cref="OllamaChunkScanner"/>): no
/// allocation per token. A blank line is tolerated; a line after <c>done</c> or a body without <c>done</c> is a
/// protocol error.
/// </summary>
internal sealed class NdjsonProbe : IStreamProbe
{
    internal static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true);
    private readonly RequestFactory _requests;

    public NdjsonProbe(ProbeRequestOptions options, string path = "/api/chat")
    {
        _requests = new RequestFactory(options, path, model => Serialize(model, options));
        Description = $"ollama ndjson {path}";
    }

    public string Description { get; }

    public HttpRequestMessage CreateRequest(string model) => _requests.Create(model);

    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(body, ReaderOptions);
        try
        {
            var reader = new NdjsonReader(pipe);
            var scanner = new OllamaChunkScanner(OllamaEndpoint.Chat);
            StreamEnd? end = null;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                if (IsBlank(reader.Current))
                {
                    // A line all the same, as the client library counts it: it restarts the idle clock.
                    timeline.OnLine(timeline.Now);
                    continue;
                }

                if (end is not null)
                {
                    throw new StreamProtocolException($"ndjson line {reader.LineNumber}: a line after the done chunk");
                }

                end = Classify(scanner, reader, timeline);
                if (end is { Error: not null } failed)
                {
                    return failed;
                }
            }

            return end ?? throw new StreamProtocolException($"the body ended after {reader.LineNumber} lines without a done chunk");
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static StreamEnd? Classify(OllamaChunkScanner scanner, NdjsonReader reader, RequestTimeline timeline)
    {
        var now = timeline.Now;
        var chunk = scanner.Scan(reader.Current, reader.LineNumber);
        var line = StreamLineClassifier.Ndjson(chunk);
        switch (line.Kind)
        {
            case StreamLineKind.Malformed:
                throw new StreamProtocolException($"ndjson line {reader.LineNumber}: {line.Problem}");
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

    /// <summary>Spaces, tabs and a CR only: tolerated between lines.</summary>
    internal static bool IsBlank(System.Buffers.ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
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
