using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamingHarness.FakeOllama.Generation.Structured;

/// <summary>
/// Draws a value that validates against a JSON schema, from a seeded generator: <c>type</c> (or a list of types),
/// <c>enum</c>, <c>const</c>, objects with every property (so <c>required</c> holds), arrays within
/// <c>minItems</c>/<c>maxItems</c>, numbers within their bounds and <c>multipleOf</c>, strings within their lengths and
/// in the cheap <c>format</c>s (date-time, date, time, email, uri, uuid, ipv4, hostname), <c>anyOf</c>/<c>oneOf</c>
/// (one branch), <c>allOf</c> (merged objects) and local <c>$ref</c>s. <c>pattern</c> is not honoured. Hand-written:
/// the schema libraries on NuGet validate, none generates.
/// </summary>
internal sealed class SchemaValues(JsonElement root, Random random)
{
    private const int MaxDepth = 8;

    private static readonly string[] Words =
    [
        "amber", "river", "stone", "quiet", "signal", "harbor", "linen", "cobalt", "meadow", "orbit", "copper", "maple",
        "lantern", "echo", "summit", "velvet", "pixel", "canyon", "ember", "tidal",
    ];

    public JsonNode? Draw() => Draw(root, 0);

    private JsonNode? Draw(JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return Text(0, 24, depth);
        }

        if (Resolve(schema) is { } target)
        {
            return depth > MaxDepth ? null : Draw(target, depth + 1);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            return JsonNode.Parse(choices[random.Next(choices.GetArrayLength())].GetRawText());
        }

        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array
                && branches.GetArrayLength() > 0)
            {
                return Draw(branches[random.Next(branches.GetArrayLength())], depth + 1);
            }
        }

        return TypeOf(schema) switch
        {
            "object" => DrawObject(schema, depth),
            "array" => DrawArray(schema, depth),
            "integer" => DrawNumber(schema, integer: true),
            "number" => DrawNumber(schema, integer: false),
            "boolean" => JsonValue.Create(random.Next(2) == 1),
            "null" => null,
            _ => DrawString(schema, depth),
        };
    }

    /// <summary>The declared type (the first non-null one of a list), else what the keywords imply.</summary>
    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var names = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
                return names.FirstOrDefault(n => n != "null") ?? names.FirstOrDefault() ?? "string";
            }
        }

        return schema.TryGetProperty("properties", out _) || schema.TryGetProperty("allOf", out _) ? "object"
            : schema.TryGetProperty("items", out _) ? "array"
            : "string";
    }

    private JsonObject DrawObject(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        foreach (var part in ObjectParts(schema))
        {
            if (part.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (depth < MaxDepth || IsRequired(part, property.Name))
                    {
                        result[property.Name] = Draw(property.Value, depth + 1);
                    }
                }
            }

            if (part.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!))
                {
                    if (!result.ContainsKey(name))
                    {
                        result[name] = Text(1, 12, depth);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The schema itself and, for <c>allOf</c>, each of its parts (resolved), whose properties merge.</summary>
    private IEnumerable<JsonElement> ObjectParts(JsonElement schema)
    {
        yield return schema;
        if (schema.TryGetProperty("allOf", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                yield return Resolve(part) ?? part;
            }
        }
    }

    private static bool IsRequired(JsonElement schema, string name) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
        && required.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.ValueEquals(name));

    private JsonArray DrawArray(JsonElement schema, int depth)
    {
        var min = Integer(schema, "minItems") ?? 1;
        var max = Integer(schema, "maxItems") ?? Math.Max(min, 3);
        var count = depth >= MaxDepth ? (int)min : (int)Math.Clamp(min + random.Next(3), min, Math.Max(min, max));
        var items = schema.TryGetProperty("items", out var item) ? item : default;
        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(Draw(items, depth + 1));
        }

        return array;
    }

    private JsonValue DrawNumber(JsonElement schema, bool integer)
    {
        var low = Number(schema, "minimum") ?? (Number(schema, "exclusiveMinimum") is { } xmin ? xmin + (integer ? 1 : 0.01) : 0);
        var high = Number(schema, "maximum") ?? (Number(schema, "exclusiveMaximum") is { } xmax ? xmax - (integer ? 1 : 0.01) : low + 100);
        high = Math.Max(low, high);
        var step = Number(schema, "multipleOf") is { } m and > 0 ? m : integer ? 1 : 0.01;
        var first = Math.Ceiling(low / step);
        var steps = Math.Max(0, Math.Floor(high / step) - first);
        var value = (first + Math.Floor(random.NextDouble() * (steps + 1))) * step;
        return integer || (step == Math.Floor(step) && value == Math.Floor(value))
            ? JsonValue.Create((long)Math.Round(value))
            : JsonValue.Create(Math.Round(value, 6));
    }

    private JsonValue DrawString(JsonElement schema, int depth)
    {
        var text = schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
            ? Formatted(format.GetString()!)
            : null;
        if (text is not null)
        {
            return JsonValue.Create(text);
        }

        var min = (int)(Integer(schema, "minLength") ?? 1);
        var max = (int)(Integer(schema, "maxLength") ?? Math.Max(min, 40));
        return Text(min, Math.Max(min, max), depth);
    }

    /// <summary>Words from the generator, cut or padded to the length bounds.</summary>
    private JsonValue Text(int min, int max, int depth)
    {
        var words = new List<string>();
        var target = depth == 0 ? 3 : 1 + random.Next(3);
        for (var i = 0; i < target; i++)
        {
            words.Add(Words[random.Next(Words.Length)]);
        }

        var text = string.Join(' ', words);
        text = text.Length > max ? text[..max] : text.PadRight(min, 'x');
        return JsonValue.Create(text);
    }

    private string? Formatted(string format) => format switch
    {
        "date-time" => Date().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "date" => Date().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "time" => Date().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "Z",
        "email" => $"{Words[random.Next(Words.Length)]}.{Words[random.Next(Words.Length)]}@example.com",
        "uri" or "url" => $"https://example.com/{Words[random.Next(Words.Length)]}",
        "uuid" => new Guid(Bytes(16)).ToString(),
        "ipv4" => $"192.0.2.{1 + random.Next(254)}",
        "hostname" => $"{Words[random.Next(Words.Length)]}.example.com",
        _ => null,
    };

    private DateTime Date() => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 200_000_000));

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A local <c>$ref</c> (<c>#/$defs/x</c>, <c>#/definitions/x</c>, <c>#</c>) resolved in the root schema.</summary>
    private JsonElement? Resolve(JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference) || reference.ValueKind != JsonValueKind.String
            || reference.GetString() is not { } path || !path.StartsWith('#'))
        {
            return null;
        }

        var target = root;
        foreach (var segment in path[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target))
            {
                return null;
            }
        }

        return target;
    }

    private static double? Number(JsonElement schema, string key) =>
        schema.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static long? Integer(JsonElement schema, string key) =>
        Number(schema, key) is { } n ? (long)Math.Max(0, n) : null;
}
