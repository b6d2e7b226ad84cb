using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Go's json.Marshal of a <c>map[string]any</c>: keys in byte order at every level, numbers decoded as float64 and
/// written again (<c>1.0</c> becomes <c>1</c>). Ollama builds its Responses events as maps, so the fake writes them
/// through here; nothing here runs per token (the delta events are typed, in that order already).
/// </summary>
internal static class GoMap
{
    /// <summary>
    /// A sorted deep copy; objects under a key in <paramref name="rawKeys"/> are kept as they are (Go's json.RawMessage).
    /// </summary>
    public static JsonNode? Sorted(JsonNode? node, params string[] rawKeys) => node switch
    {
        JsonObject obj => SortedObject(obj, rawKeys),
        JsonArray array => new JsonArray([.. array.Select(item => Sorted(item, rawKeys))]),
        JsonValue value when value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number
            => Float64(element),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>A request's JSON value as Go decodes it into <c>any</c> and writes it again.</summary>
    public static JsonNode? FromElement(JsonElement? element, params string[] rawKeys) =>
        element is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } e
            ? Sorted(JsonNode.Parse(e.GetRawText()), rawKeys)
            : null;

    private static JsonObject SortedObject(JsonObject obj, string[] rawKeys)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[key] = rawKeys.Contains(key) ? value?.DeepClone() : Sorted(value, rawKeys);
        }

        return sorted;
    }

    private static JsonValue Float64(JsonElement element)
    {
        var number = element.GetDouble();
        return Math.Abs(number) < 1e15 && Math.Floor(number) == number
            ? JsonValue.Create(Convert.ToInt64(number, CultureInfo.InvariantCulture))
            : JsonValue.Create(number);
    }
}
