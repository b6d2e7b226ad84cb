using System.Text.Json;

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

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ProtocolJsonContext.Default.Options)
        {
            Encoder = GoJsonEncoder.Instance,
        };
        return options;
    }
}
