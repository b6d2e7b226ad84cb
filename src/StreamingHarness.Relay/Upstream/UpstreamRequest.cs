using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Relay.Upstream;

/// <summary>A request ready to send to Ollama: which stream it opens, for which model, and the exact body bytes.</summary>
internal sealed record UpstreamRequest(OllamaEndpoint Endpoint, string Model, ReadOnlyMemory<byte> Body)
{
    public string Path => Endpoint == OllamaEndpoint.Chat ? "api/chat" : "api/generate";
}
