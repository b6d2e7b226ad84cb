using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>One line of a <c>/api/chat</c> stream, or the whole non-streamed answer.</summary>
public sealed class ChatResponse : IGenerationMetrics
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("created_at")] public string CreatedAt { get; set; } = "";
    /// <summary>Always present, also on the final chunk: OllamaSharp dereferences it there.</summary>
    [JsonPropertyName("message")] public ChatMessage Message { get; set; } = new();
    [JsonPropertyName("done")] public bool Done { get; set; }

    [JsonPropertyName("done_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DoneReason { get; set; }

    /// <summary>With <c>logprobs:true</c>: the tokens of this chunk (all of them in a non-streamed answer).</summary>
    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<Logprob>? Logprobs { get; set; }

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
}
