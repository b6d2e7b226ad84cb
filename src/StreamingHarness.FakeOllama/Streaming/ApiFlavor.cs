namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>Which API surface a request came through; it decides the error shape and how a fault frames its lines.</summary>
public enum ApiFlavor
{
    /// <summary><c>/api/*</c>: errors are <c>{"error":"…"}</c>.</summary>
    Native,

    /// <summary>
    /// <c>/v1/chat/completions</c>, <c>/v1/models</c>, <c>/v1/embeddings</c>: errors are
    /// <c>{"error":{"message","type","param","code"}}</c>.
    /// </summary>
    OpenAi,

    /// <summary><c>/v1/completions</c>: OpenAI errors, <c>text_completion</c> chunks.</summary>
    OpenAiCompletions,

    /// <summary><c>/v1/responses</c>: OpenAI errors, <c>event: response.*</c> SSE frames.</summary>
    OpenAiResponses,

    /// <summary><c>/v1/messages</c>: errors are <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
    Anthropic,
}
