using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>A chat request's messages, each read as a <see cref="PromptMessage"/>.</summary>
internal sealed class PromptMessages
{
    [JsonPropertyName("messages")] public IList<PromptMessage?>? Messages { get; set; }
}
