using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>The part of a chat message the prompt needs: its role, and where its content lies in the body.</summary>
internal sealed class PromptMessage
{
    [JsonPropertyName("role")] public string? Role { get; set; }

    [JsonPropertyName("content")] public JsonStringRange Content { get; set; }
}
