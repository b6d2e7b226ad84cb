using StreamingHarness.Client;
using StreamingHarness.Client.OpenAi;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// A request ready to send upstream: which stream it opens, for which model, and the exact body bytes, in the protocol
/// <paramref name="BodyProtocol"/> (an Ollama body, unless the OpenAI facade already translated it).
/// </summary>
internal sealed record UpstreamRequest(
    OllamaEndpoint Endpoint, string Model, ReadOnlyMemory<byte> Body, UpstreamProtocol BodyProtocol = UpstreamProtocol.Ollama)
{
    public string Path => BodyProtocol == UpstreamProtocol.OpenAi ? OpenAiChunkSource.ChatCompletionsPath
        : Endpoint == OllamaEndpoint.Chat ? "api/chat" : "api/generate";

    /// <summary>This request in the upstream's protocol; null with the reason when it cannot be put in it.</summary>
    public UpstreamRequest? For(UpstreamProtocol upstream, out string? problem)
    {
        problem = null;
        if (upstream == BodyProtocol)
        {
            return this;
        }

        var translation = OpenAiRequestTranslator.Translate(Body.Span, Endpoint);
        problem = translation.Error;
        return translation.Failed ? null : this with { Body = translation.Body, BodyProtocol = UpstreamProtocol.OpenAi };
    }
}
