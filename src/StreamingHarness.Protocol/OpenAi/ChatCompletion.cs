using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary>A non-streamed chat completion. <c>usage</c> is always present.</summary>
public sealed class ChatCompletion
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string ObjectType { get; set; } = "chat.completion";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("system_fingerprint")] public string SystemFingerprint { get; set; } = "fp_ollama";
    [JsonPropertyName("choices")] public IList<CompletionChoice> Choices { get; set; } = [];
    [JsonPropertyName("usage")] public Usage Usage { get; set; } = new();
}

public sealed class CompletionChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("message")] public CompletionMessage Message { get; set; } = new();
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }

    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ChoiceLogprobs? Logprobs { get; set; }
}

public sealed class CompletionMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "assistant";
    [JsonPropertyName("content")] public string Content { get; set; } = "";

    [JsonPropertyName("reasoning")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reasoning { get; set; }

    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<OpenAiToolCall>? ToolCalls { get; set; }
}
