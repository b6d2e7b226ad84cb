using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Where a Responses body's <c>input</c> lies in the body, whatever its kind.</summary>
internal sealed class ResponsesInputField
{
    [JsonPropertyName("input")] public JsonValueRange Input { get; set; }
}
