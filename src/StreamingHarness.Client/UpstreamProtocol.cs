namespace StreamingHarness.Client;

/// <summary>What the upstream speaks.</summary>
public enum UpstreamProtocol
{
    /// <summary>Ollama's native API: <c>/api/chat</c>, <c>/api/generate</c>, ndjson streams.</summary>
    Ollama,

    /// <summary>
    /// An OpenAI-compatible API: <c>chat/completions</c> under the base address (which includes <c>/v1</c>), SSE streams.
    /// </summary>
    OpenAi,
}
