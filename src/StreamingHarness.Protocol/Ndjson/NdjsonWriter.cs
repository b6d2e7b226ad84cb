using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>
/// Writes one compact JSON object per line, <c>\n</c>-terminated, and flushes after each, as Ollama does
/// (one write and one flush per line). One instance per stream: the JSON writer is reused line after line.
/// </summary>
public sealed class NdjsonWriter : IDisposable
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly PipeWriter _output;
    private readonly Utf8JsonWriter _json;

    public NdjsonWriter(PipeWriter output, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
    }

    /// <summary>Lines written so far.</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Bytes written so far, newlines included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Serializes <paramref name="value"/> as one line without flushing.</summary>
    public void Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _json.Reset(_output);
        JsonSerializer.Serialize(_json, value, ProtocolJson.FastPath(typeInfo));
        _json.Flush();
        _output.Write(Newline);
        BytesWritten += _json.BytesCommitted + 1;
        LinesWritten++;
    }

    public async ValueTask WriteLineAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        Write(value, typeInfo);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes bytes exactly as given (fault injection writes partial or invalid lines this way) and flushes.</summary>
    public async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        BytesWritten += bytes.Length;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var result = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public void Dispose() => _json.Dispose();
}
