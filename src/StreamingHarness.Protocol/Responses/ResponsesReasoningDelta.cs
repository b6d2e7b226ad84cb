using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Responses;

/// <summary>
/// <c>response.reasoning_summary_text.delta</c>, one per thinking token; keys in Go's map order (alphabetical).
/// One instance is reused for a whole stream.
/// </summary>
public sealed class ResponsesReasoningDelta
{
    [JsonPropertyName("delta")] public string Delta { get; set; } = "";
    [JsonPropertyName("item_id")] public string ItemId { get; set; } = "";
    [JsonPropertyName("output_index")] public int OutputIndex { get; set; }
    [JsonPropertyName("sequence_number")] public int SequenceNumber { get; set; }
    [JsonPropertyName("summary_index")] public int SummaryIndex { get; set; }
    [JsonPropertyName("type")] public string Type { get; set; } = ResponsesEventTypes.ReasoningSummaryTextDelta;
}
