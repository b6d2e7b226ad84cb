using System.Globalization;
using System.Text;
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

        var quoted = Quote(text);
        return UnitLess().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"time: missing unit in duration {quoted}"
            : $"time: invalid duration {quoted}";
    }

    /// <summary>Go's time.quote: ASCII as is (with <c>"</c> and <c>\</c> escaped), every other byte as <c>\xNN</c>.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x80 or < 0x20)
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
            else
            {
                quoted.Append(b is (byte)'"' or (byte)'\\' ? "\\" : "").Append((char)b);
            }
        }

        return quoted.Append('"').ToString();
    }
}
