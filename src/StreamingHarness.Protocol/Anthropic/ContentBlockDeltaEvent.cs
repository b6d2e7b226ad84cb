using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Anthropic;

/// <summary>
/// <c>content_block_delta</c>, one per token (Go's <c>ContentBlockDeltaEvent</c>, in its field order). The delta's
/// unset fields are left out, as Go's omitempty does. One instance is reused for a whole stream.
/// </summary>
public sealed class ContentBlockDeltaEvent
{
    [JsonPropertyName("type")] public string Type { get; set; } = AnthropicEventTypes.ContentBlockDelta;
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("delta")] public ContentDelta Delta { get; set; } = new();
}

/// <summary><c>text_delta</c>, <c>thinking_delta</c> or <c>input_json_delta</c>.</summary>
public sealed class ContentDelta
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; set; }

    [JsonPropertyName("partial_json")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PartialJson { get; set; }

    [JsonPropertyName("thinking")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Thinking { get; set; }
}
