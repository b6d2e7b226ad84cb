using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Responses;

/// <summary>
/// <c>response.output_text.delta</c>, one per token. Ollama writes its events as Go maps, so the keys are in
/// alphabetical order; the properties are declared in that order. One instance is reused for a whole stream.
/// </summary>
public sealed class ResponsesTextDelta
{
    [JsonPropertyName("content_index")] public int ContentIndex { get; set; }
    [JsonPropertyName("delta")] public string Delta { get; set; } = "";
    [JsonPropertyName("item_id")] public string ItemId { get; set; } = "";
    [JsonPropertyName("logprobs")] public IList<object> Logprobs { get; } = [];
    [JsonPropertyName("output_index")] public int OutputIndex { get; set; }
    [JsonPropertyName("sequence_number")] public int SequenceNumber { get; set; }
    [JsonPropertyName("type")] public string Type { get; set; } = ResponsesEventTypes.OutputTextDelta;
}
