using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Anthropic;

/// <summary>
/// Body of <c>POST /v1/messages</c> as Ollama reads it (<c>anthropic/anthropic.go:MessagesRequest</c>). The class name is
/// Go's, which its type errors quote ("Go struct field MessagesRequest.max_tokens of type int"). Message content is a
/// string or an array of blocks; <c>system</c> a string or an array of text blocks.
/// </summary>
public sealed class MessagesRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("max_tokens")] public int MaxTokens { get; set; }
    [JsonPropertyName("messages")] public IList<MessageParam>? Messages { get; set; }

    [JsonPropertyName("system")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? System { get; set; }

    [JsonPropertyName("stream")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Stream { get; set; }

    [JsonPropertyName("temperature")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Temperature { get; set; }

    [JsonPropertyName("stop_sequences")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? StopSequences { get; set; }

    [JsonPropertyName("tools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<MessagesTool>? Tools { get; set; }

    [JsonPropertyName("thinking")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessagesThinking? Thinking { get; set; }

    [JsonPropertyName("output_config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessagesOutputConfig? OutputConfig { get; set; }
}

public sealed class MessageParam
{
    [JsonPropertyName("role")] public string? Role { get; set; }

    /// <summary>
    /// A string, or an array of content blocks (<c>text</c>, <c>image</c>, <c>tool_use</c>, <c>tool_result</c>, <c>thinking</c>).
    /// </summary>
    [JsonPropertyName("content")] public JsonElement? Content { get; set; }
}

public sealed class MessagesTool
{
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonPropertyName("input_schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? InputSchema { get; set; }
}

/// <summary><c>{"type":"enabled"|"disabled","budget_tokens":N}</c>.</summary>
public sealed class MessagesThinking
{
    [JsonPropertyName("type")] public string? Type { get; set; }

    [JsonPropertyName("budget_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int BudgetTokens { get; set; }
}

public sealed class MessagesOutputConfig
{
    [JsonPropertyName("effort")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Effort { get; set; }
}
