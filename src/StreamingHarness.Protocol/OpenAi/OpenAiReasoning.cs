using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary><c>reasoning</c> of a chat-completion request; Ollama prefers its <c>effort</c> to <c>reasoning_effort</c>.</summary>
public sealed class OpenAiReasoning
{
    [JsonPropertyName("effort")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Effort { get; set; }
}
