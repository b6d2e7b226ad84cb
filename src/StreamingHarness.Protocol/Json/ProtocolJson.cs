using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace StreamingHarness.Protocol.Json;

/// <summary>
/// The one set of JSON options every project writes and reads the wire with: source-generated, compact,
/// keys matched case-insensitively on read (Go's json does), strings escaped byte for byte as Go escapes them
/// (<see cref="GoJsonEncoder"/>).
/// </summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Type info for every wire type, bound to <see cref="Options"/>.</summary>
    public static ProtocolJsonContext Context { get; } = new(Options);

    /// <summary>Options for a <see cref="Utf8JsonWriter"/> that escapes as Go does (hot paths reuse one writer).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = GoJsonEncoder.Instance, SkipValidation = true };

    /// <summary>
    /// For serializing into a <see cref="Utf8JsonWriter"/> made with <see cref="WriterOptions"/>: the same type's
    /// metadata without a custom encoder on the options, so System.Text.Json keeps its source-generated fast path
    /// (a custom encoder on the options turns it off: about 300 bytes allocated per chunk instead of none). The writer
    /// does the escaping either way, so the bytes are the same.
    /// </summary>
    public static JsonTypeInfo<T> FastPath<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return ReferenceEquals(typeInfo.Options, Options) && ProtocolJsonContext.Default.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> fast
            ? fast
            : typeInfo;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ProtocolJsonContext.Default.Options)
        {
            Encoder = GoJsonEncoder.Instance,
        };
        return options;
    }
}
