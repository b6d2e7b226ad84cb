using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>A native tool call: always whole, with <c>arguments</c> as a JSON object (not a string).</summary>
public sealed class ToolCall
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("function")] public ToolCallFunction Function { get; set; } = new();
}

public sealed class ToolCallFunction
{
    /// <summary>Always written, even 0: Ollama's field has no omitempty.</summary>
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("arguments")] public JsonObject Arguments { get; set; } = [];
}
