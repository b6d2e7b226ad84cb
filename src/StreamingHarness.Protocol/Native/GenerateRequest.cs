using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Native;

/// <summary>Body of <c>POST /api/generate</c>. Shapes that Ollama accepts in more than one form stay raw JSON.</summary>
public sealed class GenerateRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("prompt")] public string? Prompt { get; set; }
    [JsonPropertyName("suffix")] public string? Suffix { get; set; }
    [JsonPropertyName("system")] public string? System { get; set; }
    [JsonPropertyName("template")] public string? Template { get; set; }
    [JsonPropertyName("raw")] public bool? Raw { get; set; }
    /// <summary>Missing or null means stream, as in Ollama.</summary>
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("format")] public JsonElement? Format { get; set; }
    /// <summary>A duration string ("5m") or a number of seconds.</summary>
    [JsonPropertyName("keep_alive")] public JsonElement? KeepAlive { get; set; }
    /// <summary>A bool or one of "low", "medium", "high", "max".</summary>
    [JsonPropertyName("think")] public JsonElement? Think { get; set; }
    [JsonPropertyName("images")] public IList<string>? Images { get; set; }
    [JsonPropertyName("context")] public IList<int>? Context { get; set; }
    [JsonPropertyName("options")] public JsonObject? Options { get; set; }
    [JsonPropertyName("logprobs")] public bool? Logprobs { get; set; }
    /// <summary>0 to 20; anything else is a 400.</summary>
    [JsonPropertyName("top_logprobs")] public int? TopLogprobs { get; set; }
}
