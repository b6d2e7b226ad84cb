using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// An OpenAI chat message as far as Ollama's middleware turns its content into native messages: its role, where its
/// content lies in the body, and where its <c>tool_calls</c> lie (content may be absent only beside tool calls).
/// </summary>
internal sealed class ContentPartMessage
{
    [JsonPropertyName("role")] public string? Role { get; set; }

    [JsonPropertyName("content")]
    [JsonConverter(typeof(ContentPartsConverter))]
    public ContentParts? Content { get; set; }

    [JsonPropertyName("tool_calls")] public JsonValueRange ToolCalls { get; set; }
}
