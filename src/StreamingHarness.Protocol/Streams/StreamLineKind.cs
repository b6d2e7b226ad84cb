namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// What one line of a token stream is, in any of the three framings (Ollama ndjson, OpenAI SSE, the relay's SSE).
/// When a line says several things, the first that applies here wins: an error, then the terminal, then content,
/// thinking and a tool call. Whether the line also carries output is <see cref="StreamLine.HasOutput"/>.
/// </summary>
public enum StreamLineKind
{
    /// <summary>
    /// Carries nothing the model produced: a blank line, a role-only or empty chunk, the OpenAI finish or usage chunk,
    /// the relay's <c>start</c> event.
    /// </summary>
    Empty,

    /// <summary>
    /// Answer text: <c>response</c>, <c>message.content</c>, <c>choices[0].delta.content</c> / <c>.text</c>, a relay <c>token</c>.
    /// </summary>
    Content,

    /// <summary>
    /// Thinking: native <c>thinking</c>, OpenAI <c>delta.reasoning</c> (or <c>reasoning_content</c>), a relay token's <c>thinking</c>.
    /// </summary>
    Thinking,

    /// <summary>A non-empty <c>tool_calls</c> array, or the relay's <c>tool_call</c> event.</summary>
    ToolCall,

    /// <summary>The successful end: native <c>done:true</c>, OpenAI <c>data: [DONE]</c>, the relay's <c>done</c> event.</summary>
    Terminal,

    /// <summary>An in-band error: a native <c>{"error":…}</c> line, an OpenAI error object, the relay's <c>error</c> event.</summary>
    Error,

    /// <summary>
    /// Not a line of the protocol: not JSON, a mistyped field, text that is not valid UTF-8 (see <see cref="StreamLine.Problem"/>).
    /// </summary>
    Malformed,
}
