using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// <c>when: $.done == true</c>: a path compared with a JSON literal (<c>true</c>, <c>false</c>, <c>null</c>, a
/// number or a double-quoted string). The only test a profile needs to spot a terminal line or an unnamed event.
/// </summary>
internal sealed class JsonCondition
{
    private readonly JsonTokenType _type;
    private readonly double _number;
    private readonly byte[] _text;

    private JsonCondition(JsonPath path, JsonTokenType type, double number, byte[] text, string source)
    {
        Path = path;
        _type = type;
        _number = number;
        _text = text;
        Text = source;
    }

    public JsonPath Path { get; }

    public string Text { get; }

    public static JsonCondition Parse(string text)
    {
        var parts = text.Split("==", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            throw new FormatException($"'{text}' is not a condition: write '<path> == <value>', as in $.done == true");
        }

        var path = JsonPath.Parse(parts[0]);
        var value = parts[1];
        return value switch
        {
            "true" => new(path, JsonTokenType.True, 0, [], text),
            "false" => new(path, JsonTokenType.False, 0, [], text),
            "null" => new(path, JsonTokenType.Null, 0, [], text),
            _ when value.Length >= 2 && value[0] == '"' && value[^1] == '"' =>
            new(path, JsonTokenType.String, 0, Encoding.UTF8.GetBytes(value[1..^1]), text),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
            new(path, JsonTokenType.Number, number, [], text),
            _ => throw new FormatException($"'{value}' in '{text}' is not a JSON literal: use true, false, null, a number or a \"string\""),
        };
    }

    /// <summary>Whether the JSON document holds the value; invalid JSON throws <see cref="JsonException"/>.</summary>
    public bool IsMet(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!Path.TryMoveTo(ref reader) || reader.TokenType != _type)
        {
            return false;
        }

        return _type switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out var n) && n == _number,
            JsonTokenType.String => reader.ValueTextEquals(_text),
            _ => true,
        };
    }
}
