using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>One line of a <c>/api/pull</c>, <c>/api/push</c> or <c>/api/create</c> stream: no <c>done</c>; the last says success.</summary>
public sealed class ProgressResponse
{
    [JsonPropertyName("status")] public string Status { get; set; } = "";

    [JsonPropertyName("digest")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Digest { get; set; }

    [JsonPropertyName("total")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Total { get; set; }

    [JsonPropertyName("completed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Completed { get; set; }
}
