using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.A2a;

/// <summary>A part of a message or artifact; only text parts are modelled. <c>kind</c> is v0.3 only ("text").</summary>
public sealed record A2aPart
{
    [JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }
}
