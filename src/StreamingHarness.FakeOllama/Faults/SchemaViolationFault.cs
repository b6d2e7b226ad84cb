using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Generation.Structured;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>schema-violation</c>: the answer is valid JSON that breaks the schema: the first required property is missing,
/// or else the first property has a value of the wrong type (outside its <c>enum</c> if it has one); with
/// <c>"json"</c>, or a schema that is not an object, the answer is of the wrong type at the top.
/// </summary>
public sealed class SchemaViolationFault(double probability) : StructuredOutputFault(probability)
{
    public override string Name => FaultCatalog.SchemaViolation;

    internal override string Corrupt(string json, JsonNode? value, JsonElement? schema, Random random, out string what)
    {
        if (value is JsonObject answer && schema is { } s)
        {
            if (FirstRequired(s, answer) is { } required)
            {
                answer.Remove(required);
                what = $"left out required property '{required}'";
                return StructuredAnswer.Serialize(answer);
            }

            if (s.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.EnumerateObject().FirstOrDefault() is { Name: { } name } property && answer.ContainsKey(name))
            {
                var wrong = WrongValue(property.Value);
                answer[name] = wrong;
                what = $"gave property '{name}' the value {wrong.ToJsonString()}";
                return StructuredAnswer.Serialize(answer);
            }
        }

        var top = value is JsonObject
            ? (JsonNode)new JsonArray(JsonValue.Create("not an object"))
            : new JsonObject { ["unexpected"] = true };
        what = $"answered {top.ToJsonString()} where the schema wants another type";
        return StructuredAnswer.Serialize(top);
    }

    private static string? FirstRequired(JsonElement schema, JsonObject answer) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString())
                .FirstOrDefault(name => name is not null && answer.ContainsKey(name))
            : null;

    /// <summary>A value that cannot match: a string where another type is expected, else a number.</summary>
    private static JsonValue WrongValue(JsonElement property)
    {
        var isObject = property.ValueKind == JsonValueKind.Object;
        var type = isObject && property.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var isStringish = type is null or "string" || (isObject && property.TryGetProperty("enum", out _));
        return isStringish ? JsonValue.Create(12345) : JsonValue.Create("not a " + type);
    }
}
