using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary>One <c>data:</c> event of a streamed chat completion.</summary>
public sealed class ChatCompletionChunk
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string ObjectType { get; set; } = "chat.completion.chunk";
    /// <summary>Unix seconds, pinned to the first chunk for the whole stream.</summary>
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("system_fingerprint")] public string SystemFingerprint { get; set; } = "fp_ollama";
    [JsonPropertyName("choices")] public IList<ChunkChoice> Choices { get; set; } = [];

    /// <summary>Only on the usage chunk: Ollama omits the key elsewhere (OpenAI writes null).</summary>
    [JsonPropertyName("usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Usage? Usage { get; set; }
}

public sealed class ChunkChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("delta")] public ChunkDelta Delta { get; set; } = new();
    /// <summary>Written as null on every chunk but the finish chunk.</summary>
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }

    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ChoiceLogprobs? Logprobs { get; set; }
}

public sealed class ChunkDelta
{
    [JsonPropertyName("role")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; set; }

    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; set; }

    [JsonPropertyName("reasoning")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reasoning { get; set; }

    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<OpenAiToolCall>? ToolCalls { get; set; }
}

public sealed class OpenAiToolCall
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("type")] public string Type { get; set; } = "function";
    [JsonPropertyName("function")] public OpenAiFunctionCall Function { get; set; } = new();
}

public sealed class OpenAiFunctionCall
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>A JSON document as a string, unlike the native API's object.</summary>
    [JsonPropertyName("arguments")] public string Arguments { get; set; } = "";
}

public sealed class Usage
{
    [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; set; }
    [JsonPropertyName("total_tokens")] public long TotalTokens { get; set; }
}
