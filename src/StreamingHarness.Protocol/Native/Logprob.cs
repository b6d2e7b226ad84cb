using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>
/// A generated token's log probability and, when <c>top_logprobs</c> was asked for, the most likely tokens at its
/// position (Ollama's api.Logprob: the same shape natively and in <c>/v1</c>'s <c>logprobs.content</c>).
/// </summary>
public sealed class Logprob : TokenLogprob
{
    [JsonPropertyName("top_logprobs")]
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<TokenLogprob>? TopLogprobs { get; set; }
}
