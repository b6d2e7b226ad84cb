using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>response_format</c> as Ollama's middleware turns it into <c>format</c> (<c>openai/openai.go</c>,
/// FromChatRequest): type <c>json_object</c> is <c>"json"</c>, <c>json_schema</c> its <c>json_schema.schema</c>
/// (compacted, as Go re-encodes it), any other type no format.
/// </summary>
internal static class ResponseFormats
{
    private static readonly JsonElement Json = JsonDocument.Parse("\"json\"").RootElement.Clone();

    public static JsonElement? ToFormat(JsonObject? responseFormat)
    {
        var type = responseFormat?["type"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text.Trim().ToLowerInvariant()
            : null;
        switch (type)
        {
            case "json_object":
                return Json;
            case "json_schema" when responseFormat!["json_schema"] is JsonObject { } schema && schema.ContainsKey("schema"):
                using (var document = JsonDocument.Parse(schema["schema"]?.ToJsonString() ?? "null"))
                {
                    return document.RootElement.Clone();
                }

            default:
                return null;
        }
    }
}
