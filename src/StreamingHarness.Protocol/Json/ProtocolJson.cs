using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace StreamingHarness.Protocol.Json;

/// <summary>
/// The one set of JSON options every project writes and reads the wire with: source-generated, compact,
/// keys matched case-insensitively on read (Go's json does), non-ASCII text written as UTF-8 (Go does not escape it)
/// while <c>&lt; &gt; &amp;</c>, U+2028 and U+2029 are still escaped, as Go's encoder escapes them.
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
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        return options;
    }
}
