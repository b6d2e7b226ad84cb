using System.Text.Json;
using System.Text.Unicode;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Protocol.Streams;

/// <summary>The few reads the stream classifiers share: skip a value, read text, a count, a message.</summary>
internal static class JsonFields
{
    /// <summary>Moves past the value of the property the reader is on.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// Reads a text value: true when it is a non-empty string; null and absent are no text. A non-string value, or a
    /// string that is not valid UTF-8, sets <paramref name="problem"/>.
    /// </summary>
    public static bool ReadText(ref Utf8JsonReader reader, string field, ref string? problem)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !Utf8.IsValid(reader.ValueSpan):
                problem ??= $"field '{field}' is not valid UTF-8";
                return false;
            case JsonTokenType.String:
                return !reader.ValueSpan.IsEmpty;
            case JsonTokenType.Null:
                return false;
            default:
                problem ??= $"field '{field}' must be a string, found {OllamaChunkScanner.Describe(reader.TokenType)}";
                reader.Skip();
                return false;
        }
    }

    /// <summary>Reads a non-empty array (a tool call list); null and <c>[]</c> are none.</summary>
    public static bool ReadNonEmptyArray(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        reader.Read();
        var any = reader.TokenType != JsonTokenType.EndArray;
        if (any)
        {
            reader.Skip();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
            }
        }

        return any;
    }

    /// <summary>Reads <c>completion_tokens</c> out of a <c>usage</c> object; -1 when it has none.</summary>
    public static long ReadCompletionTokens(ref Utf8JsonReader reader) => ReadUsageCount(ref reader, "completion_tokens"u8);

    /// <summary>Reads the count <paramref name="name"/> out of a <c>usage</c> object; -1 when it has none.</summary>
    public static long ReadUsageCount(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return -1;
        }

        long tokens = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                reader.Read();
                tokens = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : tokens;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return tokens;
    }

    /// <summary>Reads a string value, or null for any other value (which is skipped).</summary>
    public static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
