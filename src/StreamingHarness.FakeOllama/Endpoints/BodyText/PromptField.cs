using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Where a generate or completions body's <c>prompt</c> lies in the body.</summary>
internal sealed class PromptField
{
    [JsonPropertyName("prompt")] public JsonStringRange Prompt { get; set; }
}
