using System.Runtime.InteropServices;
using System.Text.Json;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// A JSON value where it lies in the request body, read as <see cref="JsonElement"/> reads it (property names matched
/// exactly, the last of duplicates wins) but without copying the body or its strings: a Responses <c>input</c> or a
/// Messages <c>content</c> may hold tens of MiB of text. <c>JsonDocument</c> cannot do this: even over the body's own
/// memory it rents a row table as long as the value (27 MiB for a 27 MiB string). Each read walks the value again with a
/// <see cref="Utf8JsonReader"/>, which suits the few reads an endpoint makes of a shallow value.
/// </summary>
internal readonly struct BodyElement
{
    private readonly ReadOnlyMemory<byte> _raw;

    private BodyElement(ReadOnlyMemory<byte> raw) => _raw = raw;

    /// <summary>The value <paramref name="range"/> locates in <paramref name="json"/>, read from <paramref name="start"/>.</summary>
    public static BodyElement At(ReadOnlyMemory<byte> json, int start, JsonValueRange range) =>
        range.Length == 0 ? default : new BodyElement(json.Slice(start + range.Start, range.Length));

    /// <summary>The value's kind; <see cref="JsonValueKind.Undefined"/> when it is absent.</summary>
    public JsonValueKind ValueKind => _raw.IsEmpty
        ? JsonValueKind.Undefined
        : _raw.Span[0] switch
        {
            (byte)'"' => JsonValueKind.String,
            (byte)'[' => JsonValueKind.Array,
            (byte)'{' => JsonValueKind.Object,
            (byte)'t' => JsonValueKind.True,
            (byte)'f' => JsonValueKind.False,
            (byte)'n' => JsonValueKind.Null,
            _ => JsonValueKind.Number,
        };

    /// <summary>The length in bytes of the value as written (what <see cref="JsonElement.GetRawText"/> holds, in UTF-8).</summary>
    public int RawLength => _raw.Length;

    /// <summary>The length in UTF-8 bytes of a string's text, its escapes undone; the body is not changed.</summary>
    public int TextLength => JsonUnescaper.UnescapedLength(_raw.Span[1..^1]);

    /// <summary>The items of an array.</summary>
    public IReadOnlyList<BodyElement> Items()
    {
        var items = new List<BodyElement>();
        var reader = new Utf8JsonReader(_raw.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(Value(ref reader));
        }

        return items;
    }

    /// <summary>
    /// An object's property of that exact name (the last one, if repeated), as
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds it.
    /// </summary>
    public bool TryGetProperty(string name, out BodyElement value)
    {
        value = default;
        var found = false;
        var reader = new Utf8JsonReader(_raw.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            var item = Value(ref reader);
            if (match)
            {
                (value, found) = (item, true);
            }
        }

        return found;
    }

    /// <summary>A string's text, decoded: for short values (a type, a role), never for the text itself.</summary>
    public string GetString()
    {
        var reader = new Utf8JsonReader(_raw.Span);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>
    /// A string's text as the body's own bytes, its escapes undone in place. Call it once per string, after every other
    /// read of it: the escaped form is gone after.
    /// </summary>
    public ReadOnlyMemory<byte> UnescapeInPlace()
    {
        var text = _raw[1..^1];
        if (text.Span.IndexOf((byte)'\\') < 0)
        {
            return text;
        }

        var writable = MemoryMarshal.AsMemory(text);
        return writable[..JsonUnescaper.InPlace(writable.Span)];
    }

    private BodyElement Value(ref Utf8JsonReader reader)
    {
        var start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return new BodyElement(_raw[start..checked((int)reader.BytesConsumed)]);
    }
}
