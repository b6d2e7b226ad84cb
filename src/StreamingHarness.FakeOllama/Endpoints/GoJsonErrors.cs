using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Words a System.Text.Json failure the way Go's encoding/json words it, since clients show Ollama's text to users:
/// <c>unexpected EOF</c>, <c>invalid character 'x' looking for beginning of value</c>,
/// <c>json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool</c>.
/// Decided from what we control, never from System.Text.Json's English messages: a body the reader accepts whole
/// failed on a type, found by the exception's JSON path in the request type's metadata; any other failed on syntax,
/// at the exception's position.
/// </summary>
internal static partial class GoJsonErrors
{
    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ArrayIndex();

    public static string Describe(JsonException ex, ReadOnlySpan<byte> body, JsonTypeInfo requestType)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(requestType);
        if (ex.Path is { Length: > 2 } path && IsWellFormed(body))
        {
            // Go names nested fields by their path without indices: messages[0].content -> messages.content.
            var field = ArrayIndex().Replace(path.TrimStart('$', '.'), "");
            if (PropertyTypeAt(requestType, field) is { } type)
            {
                var kind = field.Contains('.', StringComparison.Ordinal) ? "value" : JsonKindAt(body, field);
                return $"json: cannot unmarshal {kind} into Go struct field {requestType.Type.Name}.{field} of type {GoTypeName(type)}";
            }
        }

        var offset = Offset(ex, body);
        if (offset >= body.Length)
        {
            return "unexpected EOF";
        }

        var c = (char)body[offset];
        return $"invalid character '{c}' {Context(body, offset)}";
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The CLR type of the property at a dotted JSON path (<c>messages.content</c>), walking through lists.</summary>
    private static Type? PropertyTypeAt(JsonTypeInfo typeInfo, string field)
    {
        Type? type = null;
        foreach (var name in field.Split('.'))
        {
            while (typeInfo.Kind == JsonTypeInfoKind.Enumerable && typeInfo.ElementType is { } element)
            {
                typeInfo = typeInfo.Options.GetTypeInfo(element);
            }

            var property = typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
            typeInfo = typeInfo.Options.GetTypeInfo(type);
        }

        return type;
    }

    private static string GoTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(bool) ? "bool"
            : type == typeof(int) ? "int"
            : type == typeof(long) ? "int64"
            : type == typeof(double) || type == typeof(float) ? "float64"
            : type == typeof(string) ? "string"
            : type.IsAssignableTo(typeof(System.Collections.IEnumerable)) && !type.IsAssignableTo(typeof(JsonNode)) ? "[]"
            : "object";
    }

    /// <summary>System.Text.Json reports line and byte-in-line; turn that into an offset in the body.</summary>
    private static int Offset(JsonException ex, ReadOnlySpan<byte> body)
    {
        var line = ex.LineNumber ?? 0;
        var offset = 0;
        while (line > 0 && offset < body.Length)
        {
            if (body[offset++] == (byte)'\n')
            {
                line--;
            }
        }

        offset += (int)(ex.BytePositionInLine ?? 0);
        while (offset < body.Length && body[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            offset++;
        }

        return Math.Min(offset, body.Length);
    }

    private static string Context(ReadOnlySpan<byte> body, int offset)
    {
        var before = offset - 1;
        while (before >= 0 && body[before] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            before--;
        }

        return before < 0 ? "looking for beginning of value" : (char)body[before] switch
        {
            '{' or ',' when InObject(body, before) => "looking for beginning of object key string",
            ':' or '[' or ',' => "looking for beginning of value",
            '"' when InKey(body, before) => "after object key",
            _ => InObject(body, before) ? "after object key:value pair" : "after array element",
        };
    }

    private static bool InObject(ReadOnlySpan<byte> body, int at)
    {
        var depth = 0;
        for (var i = at; i >= 0; i--)
        {
            switch (body[i])
            {
                case (byte)'}' or (byte)']':
                    depth++;
                    break;
                case (byte)'{' when depth == 0:
                    return true;
                case (byte)'[' when depth == 0:
                    return false;
                case (byte)'{' or (byte)'[':
                    depth--;
                    break;
            }
        }

        return false;
    }

    private static bool InKey(ReadOnlySpan<byte> body, int closingQuote)
    {
        var open = body[..closingQuote].LastIndexOf((byte)'"');
        if (open <= 0)
        {
            return false;
        }

        var before = open - 1;
        while (before >= 0 && body[before] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            before--;
        }

        return before >= 0 && body[before] is (byte)'{' or (byte)',';
    }

    private static string JsonKindAt(ReadOnlySpan<byte> body, string field)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 &&
                    string.Equals(reader.GetString(), field, StringComparison.OrdinalIgnoreCase))
                {
                    reader.Read();
                    return reader.TokenType switch
                    {
                        JsonTokenType.String => "string",
                        JsonTokenType.Number => "number",
                        JsonTokenType.True or JsonTokenType.False => "bool",
                        JsonTokenType.StartArray => "array",
                        JsonTokenType.StartObject => "object",
                        _ => "value",
                    };
                }
            }
        }
        catch (JsonException)
        {
        }

        return "value";
    }
}
