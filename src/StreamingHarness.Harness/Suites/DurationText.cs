using System.Globalization;

namespace StreamingHarness.Harness.Suites;

/// <summary>Durations as people write them: <c>250ms</c>, <c>10s</c>, <c>1.5m</c>, <c>1h</c> (a bare number is seconds).</summary>
internal static class DurationText
{
    public static TimeSpan Parse(string text, string field)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new FormatException($"{field}: '{text}' is not a duration; write e.g. 500ms, 10s, 2m or 1h.");
    }

    public static TimeSpan? ParseOptional(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) || text.Trim() is "none" or "off" ? null : Parse(text, field);

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        (string unit, double factor) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => ("ms", 0.001),
            _ when s.EndsWith('s') => ("s", 1.0),
            _ when s.EndsWith('m') => ("m", 60.0),
            _ when s.EndsWith('h') => ("h", 3600.0),
            _ => ("", 1.0),
        };
        if (!double.TryParse(s[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(number * factor);
        return true;
    }

    public static string Format(TimeSpan value) => value.TotalSeconds >= 1
        ? value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
        : value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
