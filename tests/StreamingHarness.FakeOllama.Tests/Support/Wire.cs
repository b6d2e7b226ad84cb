using System.Text.RegularExpressions;

namespace StreamingHarness.FakeOllama.Tests.Support;

/// <summary>Makes wire text comparable: timestamps and measured durations become placeholders after their format is checked.</summary>
internal static partial class Wire
{
    [GeneratedRegex("\"created_at\":\"([^\"]*)\"")]
    private static partial Regex CreatedAt();

    [GeneratedRegex("\"(total_duration|load_duration|prompt_eval_duration|eval_duration)\":(-?[0-9.eE+]+)")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,8}[1-9])?Z$")]
    private static partial Regex OllamaTimestamp();

    /// <summary>Checks every created_at is Go's RFC3339Nano UTC and every duration a positive integer, then masks them.</summary>
    public static string Normalize(string text)
    {
        text = CreatedAt().Replace(text, m =>
        {
            if (!OllamaTimestamp().IsMatch(m.Groups[1].Value))
            {
                throw new FormatException($"created_at '{m.Groups[1].Value}' is not Ollama's format");
            }

            return "\"created_at\":\"T\"";
        });
        return Duration().Replace(text, m =>
        {
            if (!long.TryParse(m.Groups[2].Value, out var ns) || ns <= 0)
            {
                throw new FormatException($"{m.Groups[1].Value} '{m.Groups[2].Value}' is not a positive integer of nanoseconds");
            }

            return $"\"{m.Groups[1].Value}\":N";
        });
    }
}
