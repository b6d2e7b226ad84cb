using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>An OpenAI chat request's messages, each read as a <see cref="ContentPartMessage"/>.</summary>
internal sealed class ContentPartMessages
{
    [JsonPropertyName("messages")] public IList<ContentPartMessage?>? Messages { get; set; }
}
