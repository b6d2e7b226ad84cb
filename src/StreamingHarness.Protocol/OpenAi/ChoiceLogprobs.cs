using System.Text.Json.Serialization;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary><c>choices[0].logprobs</c>: <c>{"content":[…]}</c>, each entry in Ollama's native logprob shape.</summary>
public sealed class ChoiceLogprobs
{
    [JsonPropertyName("content")] public IList<Logprob> Content { get; set; } = [];
}
