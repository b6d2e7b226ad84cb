using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>Body of <c>POST /api/chat</c>.</summary>
public sealed class ChatRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("messages")] public IList<ChatMessage>? Messages { get; set; }
    /// <summary>Missing or null means stream, as in Ollama.</summary>
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("format")] public JsonElement? Format { get; set; }
    [JsonPropertyName("keep_alive")] public JsonElement? KeepAlive { get; set; }
    [JsonPropertyName("think")] public JsonElement? Think { get; set; }
    /// <summary>Tool definitions, kept raw: the fake only needs to know whether any were sent, the relay forwards them.</summary>
    [JsonPropertyName("tools")] public JsonArray? Tools { get; set; }
    [JsonPropertyName("options")] public JsonObject? Options { get; set; }
    [JsonPropertyName("logprobs")] public bool? Logprobs { get; set; }
    /// <summary>0 to 20; anything else is a 400.</summary>
    [JsonPropertyName("top_logprobs")] public int? TopLogprobs { get; set; }
}
