using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Where a Messages message's <c>content</c> lies in the body.</summary>
internal sealed class MessageContentField
{
    [JsonPropertyName("content")] public JsonValueRange Content { get; set; }
}
