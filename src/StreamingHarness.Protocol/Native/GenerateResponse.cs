using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>One line of a <c>/api/generate</c> stream, or the whole non-streamed answer.</summary>
public sealed class GenerateResponse : IGenerationMetrics
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>Already formatted with <see cref="Time.OllamaTimestamp"/>.</summary>
    [JsonPropertyName("created_at")] public string CreatedAt { get; set; } = "";
    /// <summary>Always written, "" in the final chunk.</summary>
    [JsonPropertyName("response")] public string Response { get; set; } = "";

    [JsonPropertyName("thinking")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Thinking { get; set; }

    [JsonPropertyName("done")] public bool Done { get; set; }

    [JsonPropertyName("done_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DoneReason { get; set; }

    [JsonPropertyName("context")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<int>? Context { get; set; }

    [JsonPropertyName("total_duration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long TotalDuration { get; set; }

    [JsonPropertyName("load_duration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long LoadDuration { get; set; }

    [JsonPropertyName("prompt_eval_count")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long PromptEvalCount { get; set; }

    [JsonPropertyName("prompt_eval_duration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long PromptEvalDuration { get; set; }

    [JsonPropertyName("eval_count")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EvalCount { get; set; }

    [JsonPropertyName("eval_duration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EvalDuration { get; set; }

    /// <summary>Only on the final chunk: calls a model's built-in parser found (after the metrics, as Go orders them).</summary>
    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<ToolCall>? ToolCalls { get; set; }

    /// <summary>With <c>logprobs:true</c>: the tokens of this chunk (all of them in a non-streamed answer).</summary>
    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<Logprob>? Logprobs { get; set; }
}
