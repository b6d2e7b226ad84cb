using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary>
/// Checks <c>keep_alive</c> as Go's time.ParseDuration would while Ollama decodes the request: a number (seconds) or
/// a duration string such as <c>5m</c>, <c>1h30m</c>, <c>-1m</c>, <c>0</c>. Errors carry Go's wording.
/// </summary>
internal static partial class GoDuration
{
    [GeneratedRegex(@"^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Valid();

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitLess();

    /// <summary>Null when the value is acceptable, else Go's error text.</summary>
    public static string? Check(JsonElement? keepAlive)
    {
        if (keepAlive is not { ValueKind: JsonValueKind.String } element)
        {
            return null;
        }

        var text = element.GetString()!;
        if (text is "0" or "+0" or "-0" || Valid().IsMatch(text))
        {
            return null;
        }

        var quoted = JsonSerializer.Serialize(text, Protocol.Json.ProtocolJson.Options);
        return UnitLess().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"time: missing unit in duration {quoted}"
            : $"time: invalid duration {quoted}";
    }
}
