using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Frames SSE events: <c>id:</c> (the event's sequence number), <c>event:</c>, one <c>data:</c> line, a blank line.
/// Written by hand rather than with SseFormatter because token data is assembled from the upstream's still-escaped
/// bytes (no decode and re-encode per token) and the relay also writes comment lines. JSON never contains a raw
/// CR or LF, so one <c>data:</c> line always suffices.
/// </summary>
internal sealed class SseEventWriter : IDisposable
{
    private readonly Utf8JsonWriter _json = new(
        Stream.Null, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder, SkipValidation = true });

    /// <summary>The next event's id.</summary>
    public long NextId { get; private set; }

    public void Write<T>(IBufferWriter<byte> output, string eventType, T value, JsonTypeInfo<T> typeInfo)
    {
        BeginEvent(output, eventType);
        _json.Reset(output);
        JsonSerializer.Serialize(_json, value, typeInfo);
        _json.Flush();
        EndEvent(output);
    }

    /// <summary>
    /// Writes <c>id:</c>, <c>event:</c> and the <c>data: </c> prefix; the caller writes the JSON, then <see cref="EndEvent"/>.
    /// </summary>
    public void BeginEvent(IBufferWriter<byte> output, string eventType)
    {
        output.Write("id: "u8);
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(NextId++, span, out var written);
        output.Advance(written);
        output.Write("\nevent: "u8);
        var type = output.GetSpan(eventType.Length);
        var length = System.Text.Encoding.ASCII.GetBytes(eventType, type);
        output.Advance(length);
        output.Write("\ndata: "u8);
    }

    public static void EndEvent(IBufferWriter<byte> output) => output.Write("\n\n"u8);

    /// <summary>The JSON writer, pointed at <paramref name="output"/>, for events assembled field by field.</summary>
    public Utf8JsonWriter JsonFor(IBufferWriter<byte> output)
    {
        _json.Reset(output);
        return _json;
    }

    public static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    public void Dispose() => _json.Dispose();
}
