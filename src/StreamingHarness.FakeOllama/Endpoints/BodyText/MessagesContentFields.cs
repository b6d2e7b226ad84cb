using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Where a Messages body's <c>system</c> and each message's <c>content</c> lie in the body, whatever their kind.</summary>
internal sealed class MessagesContentFields
{
    [JsonPropertyName("system")] public JsonValueRange System { get; set; }

    [JsonPropertyName("messages")] public IList<MessageContentField?>? Messages { get; set; }
}
