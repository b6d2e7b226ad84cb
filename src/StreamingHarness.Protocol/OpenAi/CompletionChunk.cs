using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.OpenAi;

/// <summary>
/// One <c>data:</c> event of a streamed <c>/v1/completions</c> (Ollama's <c>CompletionChunk</c>, in its field order:
/// <c>choices</c> before <c>model</c>). With <c>include_usage</c> every chunk carries a zero usage object.
/// </summary>
public sealed class CompletionChunk
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string ObjectType { get; set; } = "text_completion";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("choices")] public IList<CompletionTextChoice> Choices { get; set; } = [];
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("system_fingerprint")] public string SystemFingerprint { get; set; } = "fp_ollama";

    [JsonPropertyName("usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Usage? Usage { get; set; }
}

/// <summary>A <c>/v1/completions</c> body (Ollama's <c>Completion</c>: <c>model</c> before <c>choices</c>, usage always).</summary>
public sealed class TextCompletion
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string ObjectType { get; set; } = "text_completion";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("system_fingerprint")] public string SystemFingerprint { get; set; } = "fp_ollama";
    [JsonPropertyName("choices")] public IList<CompletionTextChoice> Choices { get; set; } = [];
    [JsonPropertyName("usage")] public Usage Usage { get; set; } = new();
}

public sealed class CompletionTextChoice
{
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("index")] public int Index { get; set; }
    /// <summary>Null (written) on every chunk but the last.</summary>
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
}
