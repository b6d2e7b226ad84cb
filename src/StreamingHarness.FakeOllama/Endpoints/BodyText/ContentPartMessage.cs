using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>An OpenAI chat message as far as its prompt and images go: its role, and where its content lies in the body.</summary>
internal sealed class ContentPartMessage
{
    [JsonPropertyName("role")] public string? Role { get; set; }

    [JsonPropertyName("content")]
    [JsonConverter(typeof(ContentPartsConverter))]
    public ContentParts? Content { get; set; }
}
