using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>One token with its log probability (Ollama's api.TokenLogprob); <c>bytes</c> are the token's UTF-8 bytes.</summary>
public class TokenLogprob
{
    [JsonPropertyName("token")] public string Token { get; set; } = "";
    [JsonPropertyName("logprob")] public double Logprob { get; set; }

    [JsonPropertyName("bytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<int>? Bytes { get; set; }
}
