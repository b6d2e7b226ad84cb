using System.Text;
using System.Text.Json;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// A path into a JSON object such as <c>$.content</c> or <c>$.delta.text</c>: the object members a profile reads.
/// Hand-written because the subset needed is tiny and must not allocate per token: it walks a
/// <see cref="Utf8JsonReader"/> over the event's bytes and stops on the value (no DOM, no JSONPath library).
/// </summary>
internal sealed class JsonPath
{
    private readonly byte[][] _segments;

    private JsonPath(string text, byte[][] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>Parses <c>$</c> followed by <c>.name</c> segments; a wrong form throws with the reason.</summary>
    public static JsonPath Parse(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('$'))
        {
            throw new FormatException($"'{text}' is not a JSON path: it must start with '$', as in $.content or $.message.text");
        }

        var rest = trimmed[1..];
        if (rest.Length == 0)
        {
            return new JsonPath(trimmed, []);
        }

        if (!rest.StartsWith('.'))
        {
            throw new FormatException(
                $"'{text}' is not a JSON path: after '$' comes '.name' (array indexes and filters are not supported)");
        }

        var names = rest[1..].Split('.');
        if (names.Any(n => n.Length == 0 || n.IndexOfAny(['[', ']', '*', ' ', '=']) >= 0))
        {
            throw new FormatException($"'{text}' is not a JSON path: every segment is a plain member name, as in $.a.b");
        }

        return new JsonPath(trimmed, [.. names.Select(Encoding.UTF8.GetBytes)]);
    }

    /// <summary>
    /// Leaves <paramref name="reader"/> (fresh, at the start of the document) on the value this path names.
    /// False when the document is not an object along the way or a member is missing. Invalid JSON throws
    /// <see cref="JsonException"/>.
    /// </summary>
    public bool TryMoveTo(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        foreach (var segment in _segments)
        {
            if (reader.TokenType != JsonTokenType.StartObject || !TryMember(ref reader, segment))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryMember(ref Utf8JsonReader reader, byte[] name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    public override string ToString() => Text;
}
