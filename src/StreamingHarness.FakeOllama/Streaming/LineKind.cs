namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>What a line of the stream carries, so a fault can pick its moment.</summary>
public enum LineKind
{
    Thinking,
    Content,
    ToolCall,

    /// <summary>
    /// The <c>done:true</c> chunk, the OpenAI finish chunk, Responses' <c>response.completed</c>, Anthropic's
    /// <c>message_delta</c> (stop reason and usage).
    /// </summary>
    Final,

    /// <summary>The OpenAI usage chunk (<c>stream_options.include_usage</c>).</summary>
    Usage,

    /// <summary>The OpenAI <c>data: [DONE]</c> terminator.</summary>
    DoneMarker,

    /// <summary>
    /// A protocol event that carries no token: Responses' lifecycle and item events (<c>response.created</c>,
    /// <c>output_item.added</c>, <c>…done</c>), Anthropic's <c>message_start</c>, block starts and stops, <c>message_stop</c>.
    /// </summary>
    Event,

    /// <summary>A whole non-streamed body.</summary>
    Body,

    /// <summary>A replayed recorded line that carries no token: an empty chunk, a blank or malformed line, an in-band error.</summary>
    Other,
}
