using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Client.Transport;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.Client;

/// <summary>
/// Ollama's <c>/api/embed</c> as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, with the same retries,
/// deadlines (the first-token timeout covers the wait for the answer) and <see cref="OllamaStreamException"/>s as chat.
/// </summary>
public sealed class OllamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OllamaStreamingOptions _options;
    private readonly OllamaTransport _transport;
    private readonly TimeProvider _time;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OllamaEmbeddingGenerator(OllamaStreamingOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        OllamaStreamingOptionsConsistencyValidator.ThrowIfInvalid(options);
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        _transport = new OllamaTransport(_options, _time, httpClient);
        _metadata = new EmbeddingGeneratorMetadata("ollama", _transport.BaseAddress, _options.EmbeddingModel ?? _options.Model);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = options?.ModelId ?? _metadata.DefaultModelId
            ?? throw new ArgumentException(
                "No model: set OllamaStreamingOptions.EmbeddingModel or EmbeddingGenerationOptions.ModelId.", nameof(options));
        var request = new EmbedRequest { Model = model, Input = Strings(values), Dimensions = options?.Dimensions };
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJson.Context.EmbedRequest);

        using var deadlines = new OllamaStreamDeadlines(_options, _time, cancellationToken);
        using var response = await _transport.SendAsync(HttpMethod.Post, "api/embed", body, deadlines).ConfigureAwait(false);
        EmbedResponse? answer;
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await _transport.ReadFailureAsync(response, deadlines.Token).ConfigureAwait(false);
            }

            var stream = await response.Content.ReadAsStreamAsync(deadlines.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                answer = await JsonSerializer.DeserializeAsync(stream, ProtocolJson.Context.EmbedResponse, deadlines.Token)
                    .ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (!deadlines.CallerCancelled)
        {
            throw deadlines.CancelledFailure(0, ex);
        }
        catch (JsonException ex)
        {
            throw OllamaFailures.Protocol("malformed /api/embed answer: " + ex.Message, 0, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw OllamaFailures.ConnectionBroke(ex, 0);
        }

        if (answer?.Embeddings is not { } vectors)
        {
            throw OllamaFailures.Protocol("the /api/embed answer has no 'embeddings'", 0);
        }

        var created = _time.GetUtcNow();
        return new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(v => new Embedding<float>(v) { ModelId = answer.Model, CreatedAt = created }))
        {
            Usage = new UsageDetails { InputTokenCount = answer.PromptEvalCount },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _transport.Dispose();

    private static JsonElement Strings(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
